/**
 * Texts for the i18n keys the validators emit (`validation.<field>.<reason>`); `{{position}}` is
 * filled from the params. The server and the web app both read this table.
 */
export const validationMessages: Record<'zh-CN' | 'en-US', Record<string, string>> = {
  'zh-CN': {
    'validation.idcard.empty': '请填写证件号码',
    'validation.idcard.length': '证件号码应为18位（旧版身份证为15位）',
    'validation.idcard.format': '证件号码含有无效字符（第{{position}}位）',
    'validation.idcard.region': '证件号码的地址码无效（第{{position}}位起）',
    'validation.idcard.birthdate': '证件号码中的出生日期无效（第{{position}}位起）',
    'validation.idcard.checksum': '身份证号校验位错误（第{{position}}位）',
    'validation.uscc.empty': '请填写统一社会信用代码',
    'validation.uscc.length': '统一社会信用代码应为18位',
    'validation.uscc.charset': '统一社会信用代码含有无效字符（第{{position}}位）',
    'validation.uscc.checksum': '统一社会信用代码校验位错误（第{{position}}位）',
    'validation.mobile.empty': '请填写手机号码',
    'validation.mobile.format': '请输入正确的11位手机号码',
    'validation.phone.empty': '请填写电话号码',
    'validation.phone.format': '电话号码格式不正确，请填写手机号或带区号的固定电话',
    'validation.date.range': '日期应在 {{min}} 年至 {{max}} 年之间',
  },
  'en-US': {
    'validation.idcard.empty': 'Enter the ID number',
    'validation.idcard.length': 'The ID number must have 18 characters (15 for an old ID card)',
    'validation.idcard.format': 'The ID number contains an invalid character (character {{position}})',
    'validation.idcard.region': 'The address code of the ID number is not valid (from character {{position}})',
    'validation.idcard.birthdate': 'The birth date in the ID number is not valid (from character {{position}})',
    'validation.idcard.checksum': 'ID number check digit is wrong (character {{position}})',
    'validation.uscc.empty': 'Enter the unified social credit code',
    'validation.uscc.length': 'The unified social credit code must have 18 characters',
    'validation.uscc.charset': 'The unified social credit code contains an invalid character (character {{position}})',
    'validation.uscc.checksum':
      'The check character of the unified social credit code is wrong (character {{position}})',
    'validation.mobile.empty': 'Enter the mobile number',
    'validation.mobile.format': 'Enter a valid 11-digit mainland mobile number',
    'validation.phone.empty': 'Enter the phone number',
    'validation.phone.format': 'Enter a mobile number or a landline number with its area code',
    'validation.date.range': 'The date must be between the years {{min}} and {{max}}',
  },
};
