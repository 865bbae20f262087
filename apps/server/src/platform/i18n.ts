import { validationMessages } from '@lianxin/shared';
import { z } from 'zod';
import { rosterMessages } from '../modules/talent/roster.messages.ts';
import { talentMessages } from '../modules/talent/talent.messages.ts';
import { statsMessages } from '../modules/talent/stats.messages.ts';

export type Locale = 'zh-CN' | 'en-US';

/** Problem titles by error code, in both languages. */
const titles: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    VALIDATION: '提交的数据有误',
    BAD_REQUEST: '请求有误',
    UNAUTHENTICATED: '请先登录',
    INVALID_CREDENTIALS: '用户名或密码错误',
    TOTP_REQUIRED: '请输入动态验证码',
    TOTP_INVALID: '动态验证码错误',
    ACCOUNT_LOCKED: '账号已锁定，请稍后再试',
    ACCOUNT_DISABLED: '账号已停用',
    PASSWORD_CHANGE_REQUIRED: '请先修改密码',
    TOTP_ENROLMENT_REQUIRED: '请先绑定动态验证码',
    FORBIDDEN: '没有权限执行此操作',
    CSRF: '请求来源不被允许',
    NOT_FOUND: '资源不存在',
    CONFLICT: '操作与当前状态冲突',
    VERSION_CONFLICT: '数据已被他人修改，请刷新后重试',
    DUPLICATE: '数据已存在',
    IDEMPOTENCY_IN_PROGRESS: '相同的请求正在处理，请稍后重试',
    IDEMPOTENCY_KEY_REUSED: '该幂等键已用于另一个不同的请求',
    PRECONDITION_REQUIRED: '缺少版本号',
    SEPARATION_OF_DUTIES: '违反三员分立规则',
    SCOPE_EXCEEDED: '超出您的数据范围或权限',
    PASSWORD_POLICY: '密码不符合安全策略',
    PASSWORD_REUSED: '不能使用最近 5 次用过的密码',
    PAYLOAD_TOO_LARGE: '提交的内容过大',
    UNSUPPORTED_MEDIA_TYPE: '不支持的提交格式',
    RATE_LIMITED: '请求过于频繁，请稍后再试',
    INTERNAL: '服务器内部错误',
    UNAVAILABLE: '服务暂不可用',
  },
  'en-US': {
    VALIDATION: 'The submitted data is invalid',
    BAD_REQUEST: 'Bad request',
    UNAUTHENTICATED: 'Please sign in',
    INVALID_CREDENTIALS: 'Wrong username or password',
    TOTP_REQUIRED: 'Enter your one-time code',
    TOTP_INVALID: 'Wrong one-time code',
    ACCOUNT_LOCKED: 'The account is locked; try again later',
    ACCOUNT_DISABLED: 'The account is disabled',
    PASSWORD_CHANGE_REQUIRED: 'Change your password first',
    TOTP_ENROLMENT_REQUIRED: 'Set up your one-time code first',
    FORBIDDEN: 'You are not allowed to do this',
    CSRF: 'Request origin not allowed',
    NOT_FOUND: 'Not found',
    CONFLICT: 'Conflicts with the current state',
    VERSION_CONFLICT: 'Someone else changed this record; reload and retry',
    DUPLICATE: 'Already exists',
    IDEMPOTENCY_IN_PROGRESS: 'The same request is still being processed; retry shortly',
    IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different request',
    PRECONDITION_REQUIRED: 'The record version is required',
    SEPARATION_OF_DUTIES: 'Breaks the separation of the three administrator duties',
    SCOPE_EXCEEDED: 'Beyond your data scope or permissions',
    PASSWORD_POLICY: 'The password does not meet the policy',
    PASSWORD_REUSED: 'You cannot reuse one of your last 5 passwords',
    RATE_LIMITED: 'Too many requests; slow down',
    PAYLOAD_TOO_LARGE: 'The request is too large',
    UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
    INTERNAL: 'Internal server error',
    UNAVAILABLE: 'Service unavailable',
  },
};

const serverMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    'validation.region.unknown': '行政区划代码不存在',
    'validation.text.nul': '不能包含空字符（U+0000）',
    'validation.text.surrogate': '含有无效的字符编码（孤立的代理字符），请重新输入',
    'validation.region.prefix': '区划代码前缀应为2–12位数字',
    'validation.region.importScope': '请指定区划代码前缀，或选择导入全国（二者选一）',
    'validation.scope.outside': '超出您的数据范围',
    'validation.username.taken': '用户名已被使用',
    'validation.username.format': '用户名为3–32位字母、数字或 _ . -',
    'validation.code.format': '编码以小写字母开头，只含小写字母、数字和下划线',
    'validation.color.format': '颜色应为预设颜色名或 #RRGGBB',
    'validation.password.length': '密码至少 8 位',
    'validation.password.classes': '密码须包含大写字母、小写字母、数字、符号中的至少3类',
    'validation.password.reused': '不能使用最近 5 次用过的密码',
    'validation.password.wrong': '原密码错误',
    'validation.role.unknown': '角色不存在',
    'validation.role.beyond': '不能授予超出自身权限的角色',
    'validation.role.mixedDuties': '一个角色不能同时包含系统、安全、审计管理员的职责',
    'validation.role.userDuties': '一个用户不能同时担任两种管理员',
    'validation.role.dutyAndData': '含系统、安全或审计管理员职责的角色不能包含业务或个人信息权限',
    'validation.role.userDutyAndData': '担任系统、安全或审计管理员的用户不能同时拥有业务或个人信息权限',
    'validation.scope.notYourDuty': '修改用户的数据范围由安全管理员或区域管理员负责',
    'validation.role.heldBeyond': '该角色的持有人中有您无权管理的用户',
    'validation.role.self': '不能修改自己的角色',
    'validation.role.inUse': '角色仍被用户使用',
    'validation.role.duplicate': '角色编码已存在',
    'validation.dict.duplicate': '字典编码或键值已存在',
    'validation.role.builtin': '内置角色不可修改或删除',
    'validation.param.value': '参数值不合法',
    'validation.dict.builtin': '内置字典不可删除',
    'validation.dict.unknownType': '字典类型不存在',
    'validation.totp.code': '动态验证码错误',
    'validation.totp.confirm': '更换或解除动态验证码，须输入登录密码和当前的动态验证码',
    'validation.totp.setupExpired': '本次绑定已失效，请重新扫码绑定',
    'validation.station.hubLevel': '社工总站应设在市级或县级区划',
    'validation.station.townLevel': '乡镇(街道)社工站的所属区划应为乡镇(街道)',
    'validation.station.communityLevel': '村(社区)社工室的所属区划应为村(社区)',
    'validation.station.otherLevel': '此类站点应设在县级、乡镇级或村级区划',
    'validation.station.placeholderRegion': '该区划只是统计上的归类，不能设站，请选择实际的乡镇或村(社区)',
    'validation.station.transition': '站点当前状态下不能执行此操作',
    'validation.station.openedRequired': '请填写启用日期',
    'validation.station.dateForStatus': '该日期与站点当前状态不符',
    'validation.station.suspendedBeforeOpened': '暂停日期不能早于启用日期',
    'validation.station.closedBeforeOpened': '撤销日期不能早于启用日期',
    'validation.station.beforeSuspended': '恢复运营日期不能早于暂停日期',
    'validation.station.coordOutsideChina': '坐标不在中国境内；如确认无误，请勾选“坐标已核实”',
    'validation.station.coordFar':
      '坐标距本县(区)其他站点中心约{{km}}公里，超过{{max}}公里；如确认无误，请勾选“坐标已核实”',
    'validation.station.coordPair': '经度和纬度须同时填写',
    'validation.station.townTaken': '该乡镇(街道)已有运营中的社工站（{{name}}）；如确需再设，请填写例外原因',
    'validation.station.unknownService': '服务项目不在服务项目字典中',
    'validation.org.unknown': '机构不存在或不在您的数据范围内',
    'validation.org.creditCodeTaken': '该统一社会信用代码已登记',
    'validation.org.unknownDomain': '服务领域不在服务领域字典中',
    'validation.hsds.attributeRequired': '缺少属性 {{term}}（taxonomy lianxin）',
    'validation.hsds.badValue': '属性值不在允许的取值中',
    'validation.hsds.badDate': '日期应为 YYYY-MM-DD',
    'validation.hsds.nameRequired': '请填写名称',
    'validation.hsds.duplicateId': '同一文件中该 id 重复',
    'validation.hsds.duplicateCreditCode': '同一文件中该统一社会信用代码重复（另见 {{at}}）',
    'validation.hsds.outOfScope': '该记录已存在于您的数据范围之外，不能由本次导入修改',
    'validation.hsds.unknownLocation': 'location_id 不是本文件中的站点',
    'validation.hsds.linkRequired': '请填写关联的 id',
    'validation.hsds.rejected': '该记录未通过检查（{{code}}）',
    'validation.hsds.tooLong': '不能超过 {{max}} 个字符',
    'validation.pairing.partyRequired': '请填写结对方',
    'validation.pairing.sameRegion': '结对双方不能是同一区划',
    'validation.pairing.communityLevel': '受援方应为村(社区)',
    'validation.pairing.notUniversity': '请选择高校类型的机构',
    'validation.pairing.endBeforeStart': '结束日期不能早于开始日期',
    'validation.pairing.deliveryBeforeStart': '落实日期不能早于结对开始日期',
    'validation.deadline.level': '乡镇(街道)社工站覆盖目标应设在乡镇级或以上的区划',
    'validation.excel.fileRequired': '请上传 .xlsx 格式的 Excel 文件',
    'validation.excel.tooLarge': '文件超过 {{mb}}MB，请分批导入',
    'validation.excel.notXlsx': '文件不是有效的 Excel 工作簿（.xlsx），请用模板填写后另存为 .xlsx',
    'validation.excel.empty': '工作表中没有可导入的数据',
    'validation.excel.tooManyRows': '一次最多导入 {{max}} 行，本文件有 {{count}} 行，请分批导入',
    'validation.excel.headers': '表头与模板不符：{{detail}}。请下载最新模板',
    'validation.excel.missingHeaders': '缺少列 {{names}}',
    'validation.excel.unknownHeaders': '无法识别的列 {{names}}',
    'validation.excel.required': '必填',
    'validation.excel.tooLong': '不能超过 {{max}} 个字',
    'validation.excel.integer': '应为整数',
    'validation.excel.decimal': '应为数字',
    'validation.excel.range': '应在 {{min}} 到 {{max}} 之间',
    'validation.excel.date': '应为日期，如 2026-03-01',
    'validation.excel.boolean': '应填“是”或“否”',
    'validation.excel.option': '“{{value}}”不是可选值，可选：{{options}}',
    'validation.excel.numericCode': '该单元格是数字格式，Excel 已丢失部分数字；请将该列设为文本格式后重新填写',
    'validation.excel.pickFromList': '请从下拉列表中选择',
    'validation.excel.exportOnly': '仅供查看，导入时不读取',
    'validation.excel.duplicateRow': '与第 {{row}} 行重复',
    'validation.excel.tooLargeUnzipped':
      '文件解压后超过 {{mb}}MB（系统参数 import.maxUncompressedMB），已拒绝；请分批导入',
    'validation.excel.tooManyEntries':
      '文件内部包含的文件超过 {{max}} 个（系统参数 import.maxEntries），不是常规的 Excel 工作簿，已拒绝',
    'validation.excel.tooManyStrings':
      '文件中的文字条目（共享字符串）超过 {{max}} 个（系统参数 import.maxSharedStrings），已拒绝；请分批导入',
    'validation.excel.stringTooLong': '文件中有单元格文字超过 {{max}} 个字（系统参数 import.maxStringLength），已拒绝',
    'validation.excel.tooManyRowsInSheet':
      '有工作表超过 {{max}} 行（系统参数 import.maxRows，空行也计算在内），已拒绝；请删除多余的行或分批导入',
    'validation.excel.zipInconsistent':
      '文件的压缩结构前后不一致（声明的大小或格式与实际内容不符），可能已损坏或被篡改，已拒绝；请用 Excel 重新保存后再导入',
    'validation.excel.importRunning': '您已有一个导入正在进行，请等它完成后再导入下一个文件',
    'validation.excel.importsBusy':
      '系统正在进行 {{max}} 个大文件导入（系统参数 import.maxConcurrentLarge），请稍后再试',
    'validation.excel.readerBusy': '读取 Excel 文件的队列已满，请稍后再试',
    'validation.excel.corruptText':
      '含有无法识别的字符（乱码“\uFFFD”或残缺字符），文件可能已损坏；请核对该单元格后重新保存',
    'validation.import.statusChange': '已登记站点的状态请通过“状态变更”办理，导入不能修改',
    'validation.import.stale': '该记录在导出后已被修改（当前版本 {{version}}），请重新导出后再修改',
    'validation.import.orgAmbiguous': '有多个同名机构，请填写运营机构的统一社会信用代码',
    'validation.idempotencyKey.format': '幂等键(Idempotency-Key)应为1–255个可见ASCII字符，不含空格',
  },
  'en-US': {
    'validation.region.unknown': 'Unknown region code',
    'validation.text.nul': 'Must not contain a NUL character (U+0000)',
    'validation.text.surrogate': 'Contains an invalid character encoding (a lone surrogate); type it again',
    'validation.region.prefix': 'A region code prefix has 2–12 digits',
    'validation.region.importScope': 'Give a region code prefix or choose the whole country (one of the two)',
    'validation.scope.outside': 'Outside your data scope',
    'validation.username.taken': 'The username is taken',
    'validation.username.format': '3–32 letters, digits or _ . -',
    'validation.code.format': 'A code starts with a lower-case letter and has only lower-case letters, digits and _',
    'validation.color.format': 'Use a preset colour name or #RRGGBB',
    'validation.password.length': 'At least 8 characters',
    'validation.password.classes': 'Use at least 3 of: upper case, lower case, digits, symbols',
    'validation.password.reused': 'You cannot reuse one of your last 5 passwords',
    'validation.password.wrong': 'The current password is wrong',
    'validation.role.unknown': 'Unknown role',
    'validation.role.beyond': 'You cannot grant a role with permissions you do not hold',
    'validation.role.mixedDuties': 'A role cannot combine system, security and audit administrator duties',
    'validation.role.userDuties': 'A user cannot hold two administrator duties',
    'validation.role.dutyAndData':
      'A role with system, security or audit administrator duties cannot include business or personal-data permissions',
    'validation.role.userDutyAndData':
      'A system, security or audit administrator cannot also hold business or personal-data permissions',
    'validation.scope.notYourDuty': "Changing a user's data scope is the security or region administrator's duty",
    'validation.role.heldBeyond': 'The role is held by users you may not manage',
    'validation.role.self': 'You cannot change your own roles',
    'validation.role.inUse': 'The role is still assigned to users',
    'validation.role.duplicate': 'The role code is taken',
    'validation.dict.duplicate': 'The dictionary code or value is taken',
    'validation.role.builtin': 'Built-in roles cannot be changed or deleted',
    'validation.param.value': 'Invalid parameter value',
    'validation.dict.builtin': 'Built-in dictionaries cannot be deleted',
    'validation.dict.unknownType': 'Unknown dictionary type',
    'validation.totp.code': 'Wrong one-time code',
    'validation.totp.confirm': 'To replace or remove your one-time code, enter your password and a current code',
    'validation.totp.setupExpired': 'This setup is no longer valid; scan a new QR code',
    'validation.station.hubLevel': 'A hub station belongs to a city or county',
    'validation.station.townLevel': 'A town station belongs to a town (乡镇/街道)',
    'validation.station.communityLevel': 'A community room belongs to a village or community (村/社区)',
    'validation.station.otherLevel': 'This kind of station belongs to a county, town or village',
    'validation.station.placeholderRegion':
      'This unit only groups others for statistics; choose the actual town or village',
    'validation.station.transition': "The station's current status does not allow this",
    'validation.station.openedRequired': 'Enter the opening date',
    'validation.station.dateForStatus': "This date does not fit the station's current status",
    'validation.station.suspendedBeforeOpened': 'The suspension date cannot be before the opening date',
    'validation.station.closedBeforeOpened': 'The closing date cannot be before the opening date',
    'validation.station.beforeSuspended': 'The station cannot resume before it was suspended',
    'validation.station.coordOutsideChina':
      'The coordinates are outside China; tick "coordinates checked" if they are right',
    'validation.station.coordFar':
      'The point is about {{km}} km from the county\'s other stations (more than {{max}} km); tick "coordinates checked" if it is right',
    'validation.station.coordPair': 'Enter both longitude and latitude, or neither',
    'validation.station.townTaken':
      'The town already has an operating town station ({{name}}); give a reason to add another',
    'validation.station.unknownService': 'Not a service in the services dictionary',
    'validation.org.unknown': 'Unknown organization, or outside your data scope',
    'validation.org.creditCodeTaken': 'This unified social credit code is already registered',
    'validation.org.unknownDomain': 'Not a domain in the service domain dictionary',
    'validation.hsds.attributeRequired': 'Missing the attribute {{term}} (taxonomy lianxin)',
    'validation.hsds.badValue': 'Not one of the values this attribute allows',
    'validation.hsds.badDate': 'A date is written YYYY-MM-DD',
    'validation.hsds.nameRequired': 'Enter the name',
    'validation.hsds.duplicateId': 'This id appears twice in the document',
    'validation.hsds.duplicateCreditCode':
      'This unified social credit code appears twice in the document (see also {{at}})',
    'validation.hsds.outOfScope': 'This record exists outside your data scope and cannot be changed by this import',
    'validation.hsds.unknownLocation': 'location_id names no location of this document',
    'validation.hsds.linkRequired': 'Give the linked id',
    'validation.hsds.rejected': 'This record failed a check ({{code}})',
    'validation.hsds.tooLong': 'At most {{max}} characters',
    'validation.pairing.partyRequired': 'Choose the pairing party',
    'validation.pairing.sameRegion': 'A region cannot pair with itself',
    'validation.pairing.communityLevel': 'The supported side must be a village or community',
    'validation.pairing.notUniversity': 'Choose an organization of the university type',
    'validation.pairing.endBeforeStart': 'The end date cannot be before the start date',
    'validation.pairing.deliveryBeforeStart': 'The delivery date cannot be before the pairing started',
    'validation.deadline.level': 'A town station deadline belongs to a town or a region above it',
    'validation.excel.fileRequired': 'Upload an Excel file (.xlsx)',
    'validation.excel.tooLarge': 'The file is larger than {{mb}} MB; import it in parts',
    'validation.excel.notXlsx': 'The file is not an Excel workbook (.xlsx); fill in the template and save it as .xlsx',
    'validation.excel.empty': 'The sheet has no rows to import',
    'validation.excel.tooManyRows': 'At most {{max}} rows per import; this file has {{count}}. Import it in parts',
    'validation.excel.headers': 'The headers do not match the template: {{detail}}. Download the current template',
    'validation.excel.missingHeaders': 'missing {{names}}',
    'validation.excel.unknownHeaders': 'unknown {{names}}',
    'validation.excel.required': 'Required',
    'validation.excel.tooLong': 'At most {{max}} characters',
    'validation.excel.integer': 'Must be a whole number',
    'validation.excel.decimal': 'Must be a number',
    'validation.excel.range': 'Must be between {{min}} and {{max}}',
    'validation.excel.date': 'Must be a date, e.g. 2026-03-01',
    'validation.excel.boolean': 'Enter 是 (yes) or 否 (no)',
    'validation.excel.option': '"{{value}}" is not one of: {{options}}',
    'validation.excel.numericCode':
      'The cell is a number and Excel has already lost digits; format the column as text and enter it again',
    'validation.excel.pickFromList': 'Pick a value from the list',
    'validation.excel.exportOnly': 'For reading only; not imported',
    'validation.excel.duplicateRow': 'Same record as row {{row}}',
    'validation.excel.tooLargeUnzipped':
      'The file unzips to more than {{mb}} MB (system parameter import.maxUncompressedMB) and was refused; import it in parts',
    'validation.excel.tooManyEntries':
      'The file holds more than {{max}} parts (system parameter import.maxEntries); it is not an ordinary Excel workbook and was refused',
    'validation.excel.tooManyStrings':
      'The file holds more than {{max}} distinct texts (shared strings; system parameter import.maxSharedStrings) and was refused; import it in parts',
    'validation.excel.stringTooLong':
      'A cell of the file holds more than {{max}} characters (system parameter import.maxStringLength); the file was refused',
    'validation.excel.tooManyRowsInSheet':
      'A sheet of the file has more than {{max}} rows (system parameter import.maxRows, empty rows included) and was refused; delete the extra rows or import it in parts',
    'validation.excel.zipInconsistent':
      "The file's zip structure contradicts itself (declared sizes or formats do not match the content); it may be damaged or tampered with and was refused. Save it again in Excel and retry",
    'validation.excel.importRunning':
      'An import of yours is already running; wait for it to finish before importing the next file',
    'validation.excel.importsBusy':
      '{{max}} large imports are running (system parameter import.maxConcurrentLarge); try again shortly',
    'validation.excel.readerBusy': 'The queue for reading Excel files is full; try again shortly',
    'validation.excel.corruptText':
      'Contains unreadable characters (a "\uFFFD" replacement character or half of a character); the file may be damaged. Check the cell and save the file again',
    'validation.import.statusChange':
      'The status of a registered station changes through "Change status", not by import',
    'validation.import.stale':
      'The record changed after the export (now version {{version}}); export again and redo the edit',
    'validation.import.orgAmbiguous':
      "Several organizations have this name; give the operating organization's credit code",
    'validation.idempotencyKey.format': 'An Idempotency-Key has 1–255 visible ASCII characters and no spaces',
  },
};

export function pickLocale(acceptLanguage: string | undefined, preferred?: string): Locale {
  if (preferred === 'en-US' || preferred === 'zh-CN') return preferred;
  if (acceptLanguage && /^en\b/i.test(acceptLanguage.trim())) return 'en-US';
  return 'zh-CN';
}

export function problemTitle(locale: Locale, code: string): string {
  return titles[locale][code] ?? code;
}

function interpolate(text: string, params?: Record<string, unknown>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k) => String(params?.[k] ?? ''));
}

/** Translates an i18n key (validation.*) or leaves a plain message as it is. */
export function translate(locale: Locale, message: string, params?: Record<string, unknown>): string {
  const shared = (validationMessages as Record<Locale, Record<string, string>>)[locale];
  const text =
    serverMessages[locale][message] ??
    talentMessages[locale][message] ??
    statsMessages[locale][message] ??
    rosterMessages[locale][message] ??
    shared?.[message];
  return text ? interpolate(text, params) : message;
}

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() };

/** Re-words a zod issue in the request's language (zod's own messages are global). */
export function localiseIssue(
  locale: Locale,
  issue: { code: string; message: string; path: PropertyKey[]; [k: string]: unknown },
): string {
  if (issue.message.startsWith('validation.'))
    return translate(locale, issue.message, (issue.params as Record<string, unknown>) ?? issue);
  const text = zodLocales[locale].localeError?.(issue as never);
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object' && 'message' in text) return String(text.message);
  return issue.message;
}
