import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { ReaderFailure, readSheetRows, type SheetHandlers } from './excel.rows.mjs';

export type { HeaderCell, SheetHandlers, SheetRow } from './excel.rows.mjs';

/** The reader failed after rows were handed on: the file is broken part-way, not merely unstreamable. */
export class BrokenSheetError extends Error {}

/**
 * Files at least this large are read on the reading thread: the thread's start (loading exceljs,
 * about 0.3 s, once per process) is small against their read, and smaller files are read sooner here.
 */
export const THREAD_BYTES = 512 * 1024;

/**
 * Reads the sheet with one of these names with exceljs's streaming reader, handing its rows on in
 * batches while the rest of the file is still being read: a register of tens of thousands of rows
 * is checked (and written) batch by batch instead of after the whole file, and exceljs never builds
 * the workbook's model (a cell object with its style for every cell), which halves the read.
 * `readingThread` (by default, for files of THREAD_BYTES or more) reads on a worker thread, so unzipping and
 * parsing the XML — most of an import's work — overlap the checks and writes on this one.
 *
 * False, having handed nothing on, when no sheet has such a name or the stream reader cannot read
 * the file: the caller then loads the whole workbook, which picks a sheet otherwise and says what
 * is wrong with a file that is not a workbook. What the handlers throw is thrown as it is.
 */
export async function streamSheet(
  buffer: Buffer,
  names: readonly string[],
  handlers: SheetHandlers,
  batchSize: number,
  readingThread = buffer.length >= THREAD_BYTES,
): Promise<boolean> {
  try {
    return readingThread
      ? await theReadingThread().read(buffer, names, handlers, batchSize)
      : await readSheetRows(buffer, names, handlers, batchSize);
  } catch (err) {
    if (!(err instanceof ReaderFailure)) throw err;
    if (err.handed) throw new BrokenSheetError(err.message);
    return false;
  }
}

/**
 * Reads the reading thread takes at once: one more is refused with 503 rather than queued behind
 * them (large imports are already limited by import.maxConcurrentLarge; this bounds the thread
 * whoever calls it).
 */
export const READING_THREAD_MAX_READS = 4;

type FromReader =
  | { id: number; kind: 'header'; cells: Parameters<SheetHandlers['header']>[0] }
  | { id: number; kind: 'rows'; rows: Parameters<SheetHandlers['rows']>[0] }
  | { id: number; kind: 'end'; found: boolean }
  | { id: number; kind: 'failed'; message: string; handed: boolean };

/** One read on the reading thread, as seen from here: its handlers, run one message at a time. */
interface Read {
  handlers: SheetHandlers;
  /** The messages handled so far, in order; a handler's failure stops the read. */
  chain: Promise<void>;
  resolve(found: boolean): void;
  reject(err: unknown): void;
}

/** The reading thread (excel.reader.mjs): started on the first large read, then kept for the next. */
class ReadingThread {
  private readonly worker: Worker;
  private readonly reads = new Map<number, Read>();
  private next = 0;
  alive = true;

  constructor() {
    this.worker = new Worker(new URL('./excel.reader.mjs', import.meta.url));
    this.worker.unref();
    this.worker.on('message', (m: FromReader) => this.receive(m));
    this.worker.on('error', (err) => this.fail(err));
    // A thread that stops for any reason reads nothing more: whoever still waits is refused, not left hanging.
    this.worker.on('exit', (code) => this.fail(new Error(`the reading thread stopped (exit code ${code})`)));
  }

  read(buffer: Buffer, names: readonly string[], handlers: SheetHandlers, batchSize: number): Promise<boolean> {
    if (this.reads.size >= READING_THREAD_MAX_READS) {
      return Promise.reject(
        new AppError('UNAVAILABLE', { errors: [{ path: 'file', message: 'validation.excel.readerBusy' }] }),
      );
    }
    const id = this.next++;
    // A copy of the file goes to the thread: the caller keeps its own for the error report.
    const bytes = new Uint8Array(buffer);
    return new Promise<boolean>((resolve, reject) => {
      this.reads.set(id, { handlers, chain: Promise.resolve(), resolve, reject });
      this.worker.postMessage({ kind: 'read', id, buffer: bytes, names, batchSize }, [bytes.buffer]);
    });
  }

  private receive(m: FromReader) {
    const read = this.reads.get(m.id);
    if (!read) return;
    read.chain = read.chain
      .then(async () => {
        if (!this.reads.has(m.id)) return;
        if (m.kind === 'header') read.handlers.header(m.cells);
        else if (m.kind === 'rows') {
          await read.handlers.rows(m.rows);
          this.worker.postMessage({ kind: 'next', id: m.id });
        } else {
          this.reads.delete(m.id);
          if (m.kind === 'end') read.resolve(m.found);
          else read.reject(new ReaderFailure(m.message, m.handed));
        }
      })
      .catch((err: unknown) => {
        // A handler refused: the thread stops reading this file.
        this.reads.delete(m.id);
        this.worker.postMessage({ kind: 'stop', id: m.id });
        read.reject(err);
      });
  }

  private fail(err: Error) {
    this.alive = false;
    for (const read of this.reads.values()) read.reject(err);
    this.reads.clear();
  }

  async close() {
    this.alive = false;
    await this.worker.terminate();
  }
}

let thread: ReadingThread | null = null;

function theReadingThread(): ReadingThread {
  if (!thread?.alive) thread = new ReadingThread();
  return thread;
}

/** Stops the reading thread, if one was started (the next large read starts another). */
export async function closeReadingThread(): Promise<void> {
  await thread?.close();
  thread = null;
}
