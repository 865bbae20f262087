import type { Item } from './base.seed.ts';

/**
 * The service network's enumerations. Values are stable codes stored in the records; labels are
 * what users read and may be renamed by the dictionary administrator.
 */
export const NETWORK_DICTS: { code: string; name: string; nameEn: string; items: Item[] }[] = [
  {
    code: 'station_kind',
    name: '站点类型',
    nameEn: 'Station kind',
    items: [
      ['hub', '社工总站(指导中心)', 'Hub station', 'geekblue'],
      ['town', '乡镇(街道)社工站', 'Town station', 'blue'],
      ['community', '村(社区)社工室', 'Community room', 'cyan'],
      ['point', '社工点', 'Service point', 'green'],
      ['mental_health', '心理健康社工站', 'Mental health station', 'purple'],
      ['outpost', '驿站', 'Outpost', 'orange'],
    ],
  },
  {
    code: 'station_status',
    name: '站点状态',
    nameEn: 'Station status',
    items: [
      ['planned', '筹建', 'Planned', 'default'],
      ['operating', '运营', 'Operating', 'success'],
      ['suspended', '暂停', 'Suspended', 'warning'],
      ['closed', '撤销', 'Closed', 'error'],
    ],
  },
  {
    code: 'station_service',
    name: '服务项目',
    nameEn: 'Station services',
    items: [
      ['social_assistance', '社会救助', 'Social assistance'],
      ['elderly', '养老服务', 'Elderly care'],
      ['child_protection', '儿童关爱保护', 'Child care and protection'],
      ['disability', '残疾人服务', 'Disability services'],
      ['mental_health', '心理健康', 'Mental health'],
      ['community_governance', '社区治理', 'Community governance'],
      ['volunteering', '志愿服务', 'Volunteering'],
      ['marriage_family', '婚姻家庭', 'Marriage and family'],
      ['community_corrections', '社区矫正', 'Community corrections'],
      ['drug_control', '禁毒', 'Drug prevention and rehabilitation'],
      ['youth', '青少年服务', 'Youth services'],
      ['veterans', '退役军人服务', 'Veterans services'],
      ['disaster', '防灾减灾', 'Disaster preparedness'],
    ],
  },
  {
    code: 'org_type',
    name: '机构类型',
    nameEn: 'Organization type',
    items: [
      ['agency', '社会工作服务机构', 'Social work agency', 'blue'],
      ['social_org', '社会组织', 'Social organization', 'cyan'],
      ['university', '高校', 'University', 'purple'],
      ['enterprise', '企业', 'Enterprise', 'orange'],
      ['charity', '慈善组织', 'Charity', 'magenta'],
      ['government', '政府部门', 'Government unit', 'geekblue'],
    ],
  },
  {
    code: 'org_domain',
    name: '服务领域',
    nameEn: 'Service domain',
    items: [
      ['elderly', '养老', 'Elderly'],
      ['disability', '残障', 'Disability'],
      ['youth', '儿童青少年', 'Children and youth'],
      ['marriage_family', '婚姻家庭', 'Marriage and family'],
      ['community_corrections', '社区矫正', 'Community corrections'],
      ['drug_control', '禁毒', 'Drug prevention'],
      ['volunteering', '志愿服务', 'Volunteering'],
      ['comprehensive', '综合', 'Comprehensive'],
      ['mental_health', '心理健康', 'Mental health'],
      ['disaster', '灾害', 'Disaster'],
    ],
  },
  {
    code: 'pairing_kind',
    name: '结对类型',
    nameEn: 'Pairing kind',
    items: [
      ['region_region', '地区结对', 'Region ↔ region'],
      ['org_community', '机构结对社区', 'Organization ↔ community'],
      ['school_org_community', '一校两社', 'University + organization ↔ community'],
    ],
  },
  {
    code: 'demonstration_level',
    name: '示范点级别',
    nameEn: 'Demonstration level',
    items: [
      ['national', '国家级', 'National', 'red'],
      ['provincial', '省级', 'Provincial', 'volcano'],
      ['city', '市级', 'City', 'orange'],
      ['county', '县级', 'County', 'gold'],
    ],
  },
  {
    code: 'coverage_deadline_kind',
    name: '覆盖目标类型',
    nameEn: 'Coverage target',
    items: [
      ['town_station', '乡镇(街道)社工站全覆盖', 'Every town has a station'],
      ['community_room', '村(社区)社工室全覆盖', 'Every village has a room'],
    ],
  },
  {
    code: 'coverage_deadline_status',
    name: '覆盖目标状态',
    nameEn: 'Coverage target status',
    items: [
      ['met', '已达成', 'Met', 'success'],
      ['pending', '推进中', 'In progress', 'processing'],
      ['at_risk', '有风险', 'At risk', 'warning'],
      ['missed', '已逾期', 'Missed', 'error'],
    ],
  },
];
