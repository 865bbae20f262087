import { Readable } from 'node:stream';
import ExcelJS, { type CellValue, type Row } from 'exceljs';

/** A sheet's header row and the rows below it, each as exceljs's sparse array by column number. */
export interface SheetRows {
  header: Row | undefined;
  rows: { number: number; values: CellValue[] }[];
}

/**
 * The rows of the sheet with one of these names, read with exceljs's streaming reader: it does not
 * build the workbook's model (a cell object with its style for every cell), which halves the read
 * of a register of tens of thousands of rows. Null when no sheet has such a name, or the stream
 * reader cannot read the file: the caller then loads the whole workbook as before, which picks a
 * sheet otherwise and says what is wrong with a file that is not a workbook.
 */
export async function streamSheet(buffer: Buffer, names: readonly string[]): Promise<SheetRows | null> {
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    let found: SheetRows | null = null;
    for await (const ws of reader) {
      const take = !found && names.includes((ws as unknown as { name: string }).name);
      const sheet: SheetRows = { header: undefined, rows: [] };
      // Every sheet is read to its end: the reader moves on to the next only then.
      for await (const row of ws) {
        if (!take) continue;
        if (row.number === 1) sheet.header = row;
        else sheet.rows.push({ number: row.number, values: row.values as CellValue[] });
      }
      if (take) found = sheet;
    }
    return found;
  } catch {
    return null;
  }
}
