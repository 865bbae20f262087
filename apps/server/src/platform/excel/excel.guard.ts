import type { Readable } from 'node:stream';
import yauzl, { type Entry } from 'yauzl';
import { PARAM_DEFS } from '../../modules/params/params.defaults.ts';
import { AppError } from '../errors.ts';

/**
 * What an uploaded workbook may unpack to (system parameters import.*, see params.defaults.ts).
 * A workbook is a zip: 10 MB on disk may declare, or really hold, gigabytes of XML.
 */
export interface ImportLimits {
  /** Entries in the zip. */
  maxEntries: number;
  /** Bytes of all entries once unzipped, declared or real. */
  maxUncompressedBytes: number;
  /** Shared strings (`<si>`) in xl/sharedStrings.xml: exceljs keeps every one in memory. */
  maxSharedStrings: number;
  /** Characters of text in one shared string (Excel's own cell limit is 32,767). */
  maxStringLength: number;
  /** Rows (`<row>` elements, empty ones included) in one worksheet. */
  maxRows: number;
}

/** The limits at the parameters' defaults (an import without a request's parameters: tests, the CLI). */
export function defaultImportLimits(): ImportLimits {
  const n = (key: keyof typeof PARAM_DEFS) => Number(PARAM_DEFS[key].value);
  return {
    maxEntries: n('import.maxEntries'),
    maxUncompressedBytes: n('import.maxUncompressedMB') * 1024 * 1024,
    maxSharedStrings: n('import.maxSharedStrings'),
    maxStringLength: n('import.maxStringLength'),
    maxRows: n('import.maxRows'),
  };
}

/** How much of the file the guard read: what a test asserts to see that it stopped early. */
export interface GuardReport {
  entries: number;
  declaredBytes: number;
  /** Bytes unzipped before the guard accepted or refused the file. */
  inflatedBytes: number;
  sharedStrings: number;
  longestString: number;
  /** The most rows in one worksheet. */
  rows: number;
}

/** A refusal, with how far the guard got (kept for tests; the client sees the problem+json). */
export class ImportLimitError extends AppError {
  constructor(
    message: string,
    params: Record<string, unknown>,
    readonly report: GuardReport,
  ) {
    super('VALIDATION', { errors: [{ path: 'file', message, params }] });
  }
}

const MB = 1024 * 1024;
/** The most bytes a data descriptor (zip64, with its signature) takes after an entry's data: less than any local header (30). */
const MAX_DESCRIPTOR = 24;
const DATA_DESCRIPTOR = 0x08;

// exceljs's own names: the streaming reader and the whole load both match these (unanchored).
const WORKSHEET = /xl\/worksheets\/sheet\d+[.]xml/;
const SHARED_STRINGS = 'xl/sharedStrings.xml';

const ROW = Buffer.from('<row');
/** What may follow an element's name: whitespace, `>` or `/`. */
const isNameEnd = (b: number) => b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;

/** Counts `<row` elements across chunks. */
class RowCounter {
  count = 0;
  private carry: Buffer = Buffer.alloc(0);

  /** Counts the chunk's rows, stopping at the first past `max`. */
  feed(chunk: Buffer, max: number): number {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    for (let i = buf.indexOf(ROW); i !== -1 && i + ROW.length < buf.length; i = buf.indexOf(ROW, i + ROW.length)) {
      if (isNameEnd(buf[i + ROW.length]) && ++this.count > max) return this.count;
    }
    // A tag cut by the chunk's end (or complete, waiting for the byte after its name) lies in its last bytes.
    this.carry = Buffer.from(buf.subarray(Math.max(0, buf.length - ROW.length)));
    return this.count;
  }
}

/**
 * Counts shared strings and the text characters of the current one across chunks, byte by byte:
 * `<si` opens one, `</si>` closes it, and outside tags every byte that starts a UTF-8 character
 * counts (entities count as written).
 */
class SharedStringCounter {
  count = 0;
  longest = 0;
  current = 0;
  private open = false;
  private inTag = false;
  /** The last four bytes before the current one. */
  private window = 0;

  feed(chunk: Buffer, limits: ImportLimits, refuse: (message: string, params: Record<string, unknown>) => never): void {
    let { open, inTag, window, current } = this;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x3c) inTag = true;
      else if (inTag) {
        if ((window & 0xffffff) === 0x3c7369 && isNameEnd(b)) {
          // <si
          open = true;
          current = 0;
          if (++this.count > limits.maxSharedStrings)
            refuse('validation.excel.tooManyStrings', { max: limits.maxSharedStrings });
        } else if (b === 0x3e && window === 0x3c2f7369) {
          // </si>
          open = false;
        }
        if (b === 0x3e) inTag = false;
      } else if (open && (b & 0xc0) !== 0x80 && ++current > limits.maxStringLength) {
        this.current = current;
        refuse('validation.excel.stringTooLong', { max: limits.maxStringLength });
      }
      if (current > this.longest) this.longest = current;
      window = ((window << 8) | b) >>> 0;
    }
    Object.assign(this, { open, inTag, window, current });
  }
}

/** The entries' data must follow one another from the file's start to the central directory, with no room for another. */
function checkLayout(spans: { start: number; end: number }[], centralDirectory: number): boolean {
  spans.sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of spans) {
    if (s.start < at || s.start - at > (at === 0 ? 0 : MAX_DESCRIPTOR)) return false;
    at = s.end;
  }
  return centralDirectory >= at && centralDirectory - at <= (spans.length ? MAX_DESCRIPTOR : 0);
}

/**
 * Reads an uploaded workbook's zip before exceljs sees any of it, refusing it as soon as a limit is
 * passed: the entry count and the declared unzipped total from the central directory at once,
 * then each entry unzipped and counted as it comes (yauzl stops an entry that unzips to more than
 * it declares), shared strings and their length in xl/sharedStrings.xml, and `<row>` elements in
 * each worksheet. Each local header must agree with the central directory, and the entries must
 * fill the file: exceljs's streaming reader reads the local headers in order, so an entry hidden
 * between them, or one whose local header claims another compression, would escape the count.
 * Each refusal is a 400 naming the limit and its value; a broken zip is refused as not a workbook.
 */
export async function guardWorkbook(buffer: Buffer, limits: ImportLimits): Promise<GuardReport> {
  const report: GuardReport = {
    entries: 0,
    declaredBytes: 0,
    inflatedBytes: 0,
    sharedStrings: 0,
    longestString: 0,
    rows: 0,
  };
  const refuse = (message: string, params: Record<string, unknown>): never => {
    throw new ImportLimitError(message, params, report);
  };
  const broken = (): never => refuse('validation.excel.notXlsx', {});
  const maxMb = Math.round(limits.maxUncompressedBytes / MB);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, {
      lazyEntries: true,
      validateEntrySizes: true,
      decodeStrings: true,
      strictFileNames: false,
    });
  } catch {
    return broken();
  }
  try {
    if (zip.entryCount > limits.maxEntries) refuse('validation.excel.tooManyEntries', { max: limits.maxEntries });
    const centralDirectory = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    const entries: Entry[] = [];
    try {
      for await (const entry of zip.eachEntry()) {
        entries.push(entry);
        report.entries++;
        report.declaredBytes += entry.uncompressedSize;
      }
    } catch {
      broken();
    }
    if (report.entries > limits.maxEntries) refuse('validation.excel.tooManyEntries', { max: limits.maxEntries });
    if (report.declaredBytes > limits.maxUncompressedBytes) refuse('validation.excel.tooLargeUnzipped', { mb: maxMb });

    const spans: { start: number; end: number }[] = [];
    for (const entry of entries) {
      let local: yauzl.LocalFileHeader;
      try {
        local = await zip.readLocalFileHeaderPromise(entry);
      } catch {
        return broken();
      }
      const sizesAgree =
        local.generalPurposeBitFlag & DATA_DESCRIPTOR ||
        (local.compressedSize === entry.compressedSize && local.uncompressedSize === entry.uncompressedSize) ||
        (local.compressedSize === 0xffffffff && local.uncompressedSize === 0xffffffff);
      if (
        local.compressionMethod !== entry.compressionMethod ||
        !local.fileName.equals(entry.fileNameRaw) ||
        !sizesAgree ||
        entry.isEncrypted()
      ) {
        refuse('validation.excel.zipInconsistent', {});
      }
      spans.push({ start: entry.relativeOffsetOfLocalHeader, end: local.fileDataStart + entry.compressedSize });
    }
    if (!checkLayout(spans, centralDirectory)) refuse('validation.excel.zipInconsistent', {});

    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const name = entry.fileName.replace(/^\//, '');
      const rows = WORKSHEET.test(name) ? new RowCounter() : null;
      const strings = name === SHARED_STRINGS ? new SharedStringCounter() : null;
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch {
        return broken();
      }
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          report.inflatedBytes += chunk.length;
          if (report.inflatedBytes > limits.maxUncompressedBytes)
            refuse('validation.excel.tooLargeUnzipped', { mb: maxMb });
          if (rows && rows.feed(chunk, limits.maxRows) > limits.maxRows) {
            report.rows = rows.count;
            refuse('validation.excel.tooManyRowsInSheet', { max: limits.maxRows });
          }
          if (strings) {
            try {
              strings.feed(chunk, limits, refuse);
            } finally {
              report.sharedStrings = strings.count;
              report.longestString = Math.max(strings.longest, strings.current);
            }
          }
        }
      } catch (err) {
        stream.destroy();
        if (err instanceof ImportLimitError) throw err;
        // An entry that unzips to more (or less) than it declares, or does not unzip at all.
        refuse('validation.excel.zipInconsistent', {});
      }
      if (rows) report.rows = Math.max(report.rows, rows.count);
    }
    return report;
  } finally {
    zip.close();
  }
}
