import ExcelJS from '../src/platform/excel/exceljs.mjs';

/** The roster template's headers, in its order: what a user's sheet carries. */
export const ROSTER_HEADERS = [
  '姓名',
  '证件号码',
  '性别',
  '出生日期',
  '手机号码',
  '学历',
  '所学专业',
  '人才类别',
  '工作地区划代码',
  '工作单位',
  '工作单位统一社会信用代码',
  '职务/岗位',
  '入库日期',
  '驻站站点',
  '驻站日期',
  '助理社会工作师证书编号',
  '助理社会工作师取得日期',
  '助理社会工作师考试年度',
  '社会工作师证书编号',
  '社会工作师取得日期',
  '社会工作师考试年度',
  '高级社会工作师证书编号',
  '高级社会工作师取得日期',
  '高级社会工作师考试年度',
  '备注',
] as const;

export type RosterCells = Partial<Record<(typeof ROSTER_HEADERS)[number], string | number | Date | null>>;

/** A workbook as a user makes one from the template: the roster sheet, a header row and their rows. */
export async function rosterWorkbook(
  rows: readonly RosterCells[],
  headers: readonly string[] = ROSTER_HEADERS,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('社工人才花名册');
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(headers.map((h) => r[h as keyof RosterCells] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
