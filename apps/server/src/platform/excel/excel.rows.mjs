// Reads a register's sheet with exceljs's streaming reader, a batch of rows at a time. Plain
// JavaScript: the same code runs on the request's thread (small files) and on the reading thread
// (excel.reader.mjs, large files), which has no TypeScript loader. Types in excel.rows.d.mts.
import { Readable } from 'node:stream';
import ExcelJS from './exceljs.mjs';

/** The reader failed; `handed` says whether rows had already been handed on. */
export class ReaderFailure extends Error {
  constructor(cause, handed) {
    super(String(cause?.message ?? cause));
    this.handed = handed;
  }
}

/**
 * The first batch holds at most this many rows, and each next one twice as many up to the batch
 * size: the rows' checks and writes start while the reader is still early in a large file.
 */
const FIRST_BATCH = 500;

/** A handler's own failure, carried through the reader's loops. */
class Refused {
  constructor(error) {
    this.error = error;
  }
}

/** The non-empty cells of a header row, by column number, as text. */
export function headerCells(row) {
  const cells = [];
  row?.eachCell({ includeEmpty: false }, (cell, col) => {
    cells.push({ col, text: String(cell.text ?? '').trim() });
  });
  return cells;
}

/**
 * Streams the first sheet named one of `names`: `header(cells)` with its first row (or undefined
 * when the sheet has none), then `rows(batch)` with the rows below, up to `batchSize` at a time
 * (the first batches smaller: FIRST_BATCH, doubling), reading
 * on only once the returned promise settles. Resolves true, or false when no sheet has such a
 * name. What a handler throws is thrown as it is; the reader's own failure as a ReaderFailure.
 */
export async function readSheetRows(buffer, names, handlers, batchSize) {
  let found = false;
  let handed = false;
  const call = async (f) => {
    try {
      await f();
    } catch (error) {
      throw new Refused(error);
    }
  };
  const read = async (ws) => {
    let headed = false;
    let batch = [];
    let limit = Math.min(batchSize, FIRST_BATCH);
    const hand = async () => {
      if (!headed) {
        headed = true;
        await call(() => handlers.header(undefined));
      }
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      limit = Math.min(batchSize, limit * 2);
      handed = true;
      await call(() => handlers.rows(rows));
    };
    for await (const row of ws) {
      if (row.number === 1) {
        headed = true;
        const cells = headerCells(row);
        await call(() => handlers.header(cells));
      } else {
        batch.push({ number: row.number, values: row.values });
        if (batch.length >= limit) await hand();
      }
    }
    await hand();
  };
  try {
    const bytes = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const ws of reader) {
      if (!found && names.includes(ws.name)) {
        found = true;
        await read(ws);
      } else {
        // Every other sheet is read to its end: the reader moves on to the next only then.
        for await (const _row of ws) {
          /* skipped */
        }
      }
    }
  } catch (err) {
    if (err instanceof Refused) throw err.error;
    throw new ReaderFailure(err, handed);
  }
  return found;
}
