import { z } from 'zod';
import { zDay } from '@lianxin/shared';
import { tileTemplateProblem } from '../map/map.tiles.ts';

// Empty means "not configured": the public map then draws on a plain background.
const zTileTemplate = z
  .string()
  .max(500)
  .refine((v) => v === '' || tileTemplateProblem(v) === null);

/** Built-in parameters with their validation; values are stored as text. */
export const PARAM_DEFS = {
  'sys.name': {
    value: '连心社会工作服务平台',
    name: '系统名称',
    nameEn: 'System name',
    security: false,
    schema: z.string().min(1).max(60),
  },
  // Per account and client address: a stranger's guesses lock the account for their address only.
  'security.login.maxFailures': {
    value: '5',
    name: '同一地址登录失败锁定次数',
    nameEn: 'Failed logins from one address before lock',
    security: true,
    schema: z.coerce.number().int().min(3).max(10),
  },
  // Over all addresses: however the guesses are spread, the account locks everywhere at this count.
  'security.login.maxAccountFailures': {
    value: '20',
    name: '账号累计登录失败锁定次数',
    nameEn: 'Failed logins from all addresses before lock',
    security: true,
    schema: z.coerce.number().int().min(10).max(100),
  },
  'security.login.lockMinutes': {
    value: '10',
    name: '账号锁定时长(分钟)',
    nameEn: 'Lock duration (minutes)',
    security: true,
    schema: z.coerce.number().int().min(10).max(1440),
  },
  'security.session.idleMinutes': {
    value: '30',
    name: '会话空闲超时(分钟)',
    nameEn: 'Session idle timeout (minutes)',
    security: true,
    schema: z.coerce.number().int().min(5).max(30),
  },
  'security.session.absoluteHours': {
    value: '12',
    name: '会话最长时间(小时)',
    nameEn: 'Session maximum (hours)',
    security: true,
    schema: z.coerce.number().int().min(1).max(12),
  },
  'audit.retentionDays': {
    value: '184',
    name: '审计日志保留天数',
    nameEn: 'Audit log retention (days)',
    security: true,
    schema: z.coerce.number().int().min(184).max(3650),
  },
  'network.coord.maxDistanceKm': {
    value: '50',
    name: '站点坐标偏离区域中心的上限(公里)',
    nameEn: "Station distance from its region's stations before review (km)",
    security: false,
    schema: z.coerce.number().int().min(1).max(1000),
  },
  'map.tiles.url': {
    value: '',
    name: '服务地图底图瓦片地址模板',
    nameEn: 'Service map tile URL template',
    security: false,
    schema: zTileTemplate,
  },
  'map.tiles.labelUrl': {
    value: '',
    name: '服务地图注记图层地址模板(可选)',
    nameEn: 'Service map label layer URL template (optional)',
    security: false,
    schema: zTileTemplate,
  },
  'map.tiles.key': {
    value: '',
    name: '服务地图瓦片密钥(天地图 tk)',
    nameEn: 'Service map tile key (Tianditu tk)',
    security: false,
    schema: z
      .string()
      .max(100)
      .regex(/^[\w-]*$/),
  },
  'map.tiles.subdomains': {
    value: '',
    name: '服务地图瓦片子域名({s}的取值)',
    nameEn: 'Service map tile subdomains (values of {s})',
    security: false,
    schema: z
      .string()
      .max(20)
      .regex(/^[\w]*$/),
  },
  'map.tiles.crs': {
    value: 'wgs84',
    name: '服务地图瓦片坐标系(wgs84 或 gcj02)',
    nameEn: 'Service map tile coordinates (wgs84 or gcj02)',
    security: false,
    schema: z.enum(['wgs84', 'gcj02']),
  },
  'map.tiles.attribution': {
    value: '',
    name: '服务地图版权声明',
    nameEn: 'Service map attribution',
    security: false,
    schema: z.string().max(200),
  },
  // 《社会工作者继续教育办法》: yearly continuing-education hours per certificate level.
  'talent.ce.yearlyHours.assistant': {
    value: '72',
    name: '助理社会工作师年度继续教育学时',
    nameEn: 'Yearly continuing-education hours: assistant',
    security: false,
    schema: z.coerce.number().int().min(0).max(500),
  },
  'talent.ce.yearlyHours.intermediate': {
    value: '72',
    name: '社会工作师年度继续教育学时',
    nameEn: 'Yearly continuing-education hours: intermediate',
    security: false,
    schema: z.coerce.number().int().min(0).max(500),
  },
  'talent.ce.yearlyHours.senior': {
    value: '90',
    name: '高级社会工作师年度继续教育学时',
    nameEn: 'Yearly continuing-education hours: senior',
    security: false,
    schema: z.coerce.number().int().min(0).max(500),
  },
  'talent.registration.years': {
    value: '3',
    name: '证书登记有效期(年)',
    nameEn: 'Certificate registration period (years)',
    security: false,
    schema: z.coerce.number().int().min(1).max(10),
  },
  'talent.registration.dueDays': {
    value: '90',
    name: '登记续期提醒天数',
    nameEn: 'Days before renewal to flag a registration',
    security: false,
    schema: z.coerce.number().int().min(0).max(365),
  },
  // Target progress: the trend is fitted to the year-end actuals of the last N completed years; a
  // forecast at the due date below the target but at least this percentage of it is "at risk".
  'talent.target.trendYears': {
    value: '5',
    name: '目标预测采用的年数',
    nameEn: 'Years of actuals behind a target forecast',
    security: false,
    schema: z.coerce.number().int().min(2).max(20),
  },
  'talent.target.atRiskPercent': {
    value: '90',
    name: '目标预警阈值(预测达到目标的百分比)',
    nameEn: 'At-risk threshold (forecast as % of target)',
    security: false,
    schema: z.coerce.number().int().min(1).max(99),
  },
  // 沈阳: every resident station worker qualified by the end of 2026.
  'talent.compliance.residentDeadline': {
    value: '2026-12-31',
    name: '驻站社工持证期限',
    nameEn: 'Deadline for resident station workers to be certified',
    security: false,
    schema: zDay,
  },
  // Uploaded workbooks (see platform/excel/excel.guard.ts): what one may unpack to, checked before
  // it is parsed. The defaults let a 50,000-row roster through several times over.
  'import.maxUncompressedMB': {
    value: '300',
    name: '导入文件解压后大小上限(MB)',
    nameEn: 'Import: unzipped size limit (MB)',
    security: true,
    schema: z.coerce.number().int().min(10).max(2000),
  },
  'import.maxEntries': {
    value: '1000',
    name: '导入文件压缩包内文件数上限',
    nameEn: 'Import: files inside the workbook',
    security: true,
    schema: z.coerce.number().int().min(20).max(100_000),
  },
  'import.maxSharedStrings': {
    value: '2000000',
    name: '导入文件共享字符串数上限',
    nameEn: 'Import: shared strings limit',
    security: true,
    schema: z.coerce.number().int().min(1000).max(20_000_000),
  },
  'import.maxStringLength': {
    value: '32767',
    name: '导入文件单个字符串长度上限(字)',
    nameEn: 'Import: characters in one string',
    security: true,
    schema: z.coerce.number().int().min(100).max(1_000_000),
  },
  'import.maxRows': {
    value: '100000',
    name: '导入文件每个工作表行数上限',
    nameEn: 'Import: rows in one worksheet',
    security: true,
    schema: z.coerce.number().int().min(1000).max(1_000_000),
  },
  'import.maxConcurrentLarge': {
    value: '2',
    name: '同时进行的大文件导入数上限(全系统)',
    nameEn: 'Import: large imports at once (whole system)',
    security: true,
    schema: z.coerce.number().int().min(1).max(16),
  },
} as const;

export type ParamKey = keyof typeof PARAM_DEFS;
