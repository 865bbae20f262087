import { Readable } from 'node:stream';
import ExcelJS, { type CellValue, type Row } from 'exceljs';

/** A row below the header, as exceljs's sparse array of values by column number. */
export interface SheetRow {
  number: number;
  values: CellValue[];
}

export interface SheetHandlers {
  /** The sheet's first row; called before any other row, and may throw to refuse the sheet. */
  header(row: Row | undefined): void;
  /** The rows below, a batch at a time; reading waits until the returned promise settles. */
  rows(batch: SheetRow[]): Promise<void>;
}

/** The reader failed after rows were handed on: the file is broken part-way, not merely unstreamable. */
export class BrokenSheetError extends Error {}

/**
 * Reads the sheet with one of these names with exceljs's streaming reader, handing its rows on in
 * batches while the rest of the file is still being read: a register of tens of thousands of rows
 * is checked (and written) batch by batch instead of after the whole file, and exceljs never builds
 * the workbook's model (a cell object with its style for every cell), which halves the read.
 *
 * False, having handed nothing on, when no sheet has such a name or the stream reader cannot read
 * the file: the caller then loads the whole workbook, which picks a sheet otherwise and says what
 * is wrong with a file that is not a workbook. What the handlers throw is thrown as it is.
 */
export async function streamSheet(buffer: Buffer, names: readonly string[], handlers: SheetHandlers, batchSize: number): Promise<boolean> {
  let found = false;
  let handed = false;
  // What a handler throws travels wrapped, to tell it from the reader's own failures.
  const call = async (f: () => void | Promise<void>) => {
    try {
      await f();
    } catch (error) {
      throw new Refused(error);
    }
  };
  const read = async (ws: AsyncIterable<Row>) => {
    let headed = false;
    let batch: SheetRow[] = [];
    const hand = async () => {
      if (!headed) {
        headed = true;
        await call(() => handlers.header(undefined));
      }
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      handed = true;
      await call(() => handlers.rows(rows));
    };
    for await (const row of ws) {
      if (row.number === 1) {
        headed = true;
        await call(() => handlers.header(row));
      } else {
        batch.push({ number: row.number, values: row.values as CellValue[] });
        if (batch.length >= batchSize) await hand();
      }
    }
    await hand();
  };
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const ws of reader) {
      const sheet = ws as unknown as AsyncIterable<Row> & { name: string };
      if (!found && names.includes(sheet.name)) {
        found = true;
        await read(sheet);
      } else {
        // Every other sheet is read to its end: the reader moves on to the next only then.
        for await (const _row of sheet) {
          /* skipped */
        }
      }
    }
  } catch (err) {
    if (err instanceof Refused) throw err.error;
    if (handed) throw new BrokenSheetError(String(err));
    return false;
  }
  return found;
}

/** A handler's own failure, carried through the reader's loops. */
class Refused {
  constructor(readonly error: unknown) {}
}
