/** Texts of the roster import's row errors; merged into the server's message table (platform/i18n.ts). */
export const rosterMessages: Record<'zh-CN' | 'en-US', Record<string, string>> = {
  'zh-CN': {
    'validation.roster.maskedIdNumber': '证件号码已打码（导出的花名册不能直接导入），请填写完整的证件号码',
    'validation.roster.outsideScope': '该人员已在您数据范围以外的地区登记，不能通过导入修改',
    'validation.roster.beforeBirth': '日期不能早于出生日期',
    'validation.roster.stationFromAlone': '填写了驻站日期，请填写驻站站点',
    'validation.roster.stationBeforeJoined': '驻站日期不能早于入库日期',
    'validation.roster.stationMoveBefore': '新驻站的开始日期应晚于当前驻站的开始日期（{{date}}）',
    'validation.roster.stationAmbiguous': '有多个同名站点，请核对工作地区划代码',
    'validation.roster.orgAmbiguous': '有多个同名机构，请填写工作单位的统一社会信用代码',
    'validation.roster.certificateNoRequired': '已填写该等级证书的其他信息，请填写证书编号',
    'validation.roster.obtainedOnRequired': '请填写证书的取得日期',
    'validation.roster.beforeFirstExam': '取得日期不能早于首次全国社会工作者职业水平考试（{{year}}年）',
    'validation.roster.certificateInFile': '证书编号与第 {{row}} 行重复',
    'validation.roster.concurrent': '导入期间表中的人员或证书已被他人修改，请重新预检后再导入',
  },
  'en-US': {
    'validation.roster.maskedIdNumber':
      'The ID number is masked (an exported roster cannot be imported as it is); enter the full number',
    'validation.roster.outsideScope':
      'This person is registered in a region outside your scope and cannot be changed by your import',
    'validation.roster.beforeBirth': 'Cannot be before the birth date',
    'validation.roster.stationFromAlone': 'A resident-from date needs a resident station',
    'validation.roster.stationBeforeJoined': 'Cannot be before the joined date',
    'validation.roster.stationMoveBefore': 'The new residency must start after the current one ({{date}})',
    'validation.roster.stationAmbiguous': 'Several stations have this name; check the region code',
    'validation.roster.orgAmbiguous': 'Several organizations have this name; give its credit code',
    'validation.roster.certificateNoRequired': "The level's other cells are filled: give the certificate number",
    'validation.roster.obtainedOnRequired': 'Give the date the certificate was obtained',
    'validation.roster.beforeFirstExam': 'Cannot be before the first national social work exam ({{year}})',
    'validation.roster.certificateInFile': 'Same certificate number as row {{row}}',
    'validation.roster.concurrent':
      'Someone changed people or certificates of this file during the import; check it again and import',
  },
};
