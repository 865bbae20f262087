import type { Item } from './base.seed.ts';

/** The talent pipeline's enumerations (stable codes in the records, renamable labels). */
export const TALENT_DICTS: { code: string; name: string; nameEn: string; items: Item[] }[] = [
  {
    code: 'talent_category',
    name: '人才类别',
    nameEn: 'Talent category',
    items: [
      ['professional', '专业社会工作者', 'Professional social worker', 'blue'],
      ['community_worker', '社区工作者', 'Community worker', 'cyan'],
      ['party_government', '党政机关社会工作岗位人员', 'Party/government staff in a social-work post', 'geekblue'],
      ['volunteer', '受过社会工作培训的志愿者', 'Volunteer with social-work training', 'green'],
    ],
  },
  {
    // GB/T 4658-2006 学历代码 (first-level codes)
    code: 'talent_education',
    name: '学历',
    nameEn: 'Education',
    items: [
      ['10', '研究生', 'Postgraduate'],
      ['20', '大学本科', 'Bachelor'],
      ['30', '大学专科', 'Associate (大专)'],
      ['40', '中等职业教育', 'Secondary vocational'],
      ['60', '普通高级中学', 'Senior high school'],
      ['70', '初级中学', 'Junior high school'],
      ['80', '小学及以下', 'Primary or less'],
    ],
  },
  {
    code: 'talent_worker_status',
    name: '人才状态',
    nameEn: 'Worker status',
    items: [
      ['active', '在库', 'Active', 'success'],
      ['left', '已离库', 'Left', 'default'],
    ],
  },
  {
    code: 'qualification_level',
    name: '职业资格等级',
    nameEn: 'Qualification level',
    items: [
      ['assistant', '助理社会工作师', 'Assistant social worker', 'cyan'],
      ['intermediate', '社会工作师', 'Social worker (intermediate)', 'blue'],
      ['senior', '高级社会工作师', 'Senior social worker', 'purple'],
    ],
  },
  {
    code: 'registration_status',
    name: '登记状态',
    nameEn: 'Registration status',
    items: [
      ['unregistered', '未登记', 'Not registered', 'default'],
      ['registered', '已登记', 'Registered', 'success'],
      ['renewal_due', '待续期', 'Renewal due', 'warning'],
      ['lapsed', '已失效', 'Lapsed', 'error'],
    ],
  },
  {
    code: 'talent_honor_kind',
    name: '人才称号',
    nameEn: 'Talent title',
    items: [
      ['leading_talent', '社会工作领军人才', 'Leading talent'],
      ['outstanding', '优秀社会工作者', 'Outstanding social worker'],
    ],
  },
  {
    code: 'honor_level',
    name: '称号级别',
    nameEn: 'Title level',
    items: [
      ['national', '国家级', 'National', 'red'],
      ['provincial', '省级', 'Provincial', 'volcano'],
      ['city', '市级', 'City', 'orange'],
    ],
  },
  {
    code: 'exam_result',
    name: '考试结果',
    nameEn: 'Exam result',
    items: [
      ['pending', '待公布', 'Pending', 'processing'],
      ['passed', '通过', 'Passed', 'success'],
      ['failed', '未通过', 'Failed', 'error'],
      ['absent', '缺考', 'Absent', 'default'],
    ],
  },
  {
    code: 'exam_subject',
    name: '考试科目',
    nameEn: 'Exam subject',
    items: [
      ['comprehensive', '社会工作综合能力', 'Comprehensive competence'],
      ['practice', '社会工作实务', 'Social work practice'],
      ['regulations', '社会工作法规与政策', 'Laws and policies'],
    ],
  },
  {
    code: 'exam_reimbursed_item',
    name: '报销项目',
    nameEn: 'Reimbursed item',
    items: [
      ['registration_fee', '报名费', 'Registration fee'],
      ['books', '教材费', 'Books'],
      ['travel', '交通食宿', 'Travel'],
      ['training', '考前培训', 'Preparation course'],
    ],
  },
  {
    code: 'supervision_mode',
    name: '督导方式',
    nameEn: 'Supervision mode',
    items: [
      ['individual', '个别督导', 'Individual'],
      ['group', '团体督导', 'Group'],
    ],
  },
  {
    code: 'position_level',
    name: '岗位专业技术等级',
    nameEn: 'Position level',
    items: [
      ['assistant', '初级', 'Junior'],
      ['intermediate', '中级', 'Intermediate'],
      ['senior', '高级', 'Senior'],
      ['none', '不限', 'Any'],
    ],
  },
  {
    code: 'position_funder',
    name: '岗位经费来源',
    nameEn: 'Position funding',
    items: [
      ['fiscal', '财政资金', 'Public budget'],
      ['lottery', '福彩公益金', 'Welfare lottery fund'],
      ['purchase', '政府购买服务', 'Government purchase of services'],
      ['organization', '机构自筹', 'The organization'],
      ['other', '其他', 'Other'],
    ],
  },
  {
    code: 'target_metric',
    name: '人才指标',
    nameEn: 'Talent metric',
    items: [
      ['total_talent', '社会工作人才总量', 'Total talent'],
      ['certified', '持证社会工作者', 'Certified social workers'],
      ['exam_registrations', '考试报名人数', 'Exam registrations'],
      ['positions_filled', '已聘岗位', 'Positions filled'],
      ['resident_qualified', '持证驻站社工', 'Qualified resident station workers'],
      ['active_volunteers', '活跃志愿者', 'Active volunteers'],
    ],
  },
];
