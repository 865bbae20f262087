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
  let failure: { error: unknown } | null = null as { error: unknown } | null;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const ws of reader) {
      if (failure) break;
      const take = !found && names.includes((ws as unknown as { name: string }).name);
      let batch: SheetRow[] = [];
      let headed = false;
      const hand = async (rows: SheetRow[]) => {
        if (!headed) {
          headed = true;
          handlers.header(undefined);
        }
        handed = true;
        await handlers.rows(rows);
      };
      // Every sheet is read to its end (the reader moves on to the next only then), unless a handler refused.
      for await (const row of ws) {
        if (failure) break;
        if (!take) continue;
        try {
          if (row.number === 1) {
            headed = true;
            handlers.header(row);
            continue;
          }
          batch.push({ number: row.number, values: row.values as CellValue[] });
          if (batch.length >= batchSize) {
            const full = batch;
            batch = [];
            await hand(full);
          }
        } catch (error) {
          failure = { error };
        }
      }
      if (take && !failure) {
        found = true;
        try {
          if (batch.length) await hand(batch);
          else if (!headed) handlers.header(undefined);
        } catch (error) {
          failure = { error };
        }
      }
    }
  } catch (err) {
    if (handed) throw new BrokenSheetError(String(err));
    if (!failure) return false;
  }
  if (failure) throw failure.error;
  return found;
}
