// The one place that loads exceljs (test/exceljs-import.test.ts checks that nothing else does).
// Plain JavaScript: the reading thread (excel.reader.mjs) has no TypeScript loader.
//
// exceljs 4.4.0 (its latest release) parses every XML part through lib/utils/parse-sax.js, which
// decodes each chunk of an unzipped part on its own (`new TextDecoder().decode(chunk)`), so a
// Chinese character whose UTF-8 bytes are split between two chunks comes out as U+FFFD: a clean
// roster stored names like 探��9-7314. Before exceljs is first required on this thread, its
// parse-sax module is put into the CommonJS cache as our own, which decodes the chunks of one part
// with one streaming decoder; every exceljs module that requires parse-sax then gets ours. Each
// thread has its own module cache, so the request's thread and the reading thread both load this.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MARK = Symbol.for('lianxin.exceljs.parseSax');

const saxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const fromSax = createRequire(saxPath);
const { SaxesParser } = fromSax('saxes');
const { PassThrough } = fromSax('readable-stream');

const isHighSurrogate = (code) => code >= 0xd800 && code <= 0xdbff;

/**
 * exceljs's parse-sax, decoding across chunk boundaries: the same events, a batch per chunk. Byte
 * chunks go through one TextDecoder in stream mode (a character split between chunks waits for
 * its last bytes); string chunks (the whole-workbook load cuts each part into 16K-unit strings)
 * keep a trailing high surrogate for the next chunk, so a character such as 𠮷 is never cut.
 */
async function* parseSax(iterable) {
  if (iterable.pipe && !iterable[Symbol.asyncIterator]) iterable = iterable.pipe(new PassThrough());
  const parser = new SaxesParser();
  let error;
  parser.on('error', (err) => {
    error = err;
  });
  let events = [];
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  const decoder = new TextDecoder('utf-8');
  let carried = '';
  const write = (text) => {
    parser.write(text);
    if (error) throw error;
  };
  for await (const chunk of iterable) {
    let text = carried + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    carried = '';
    if (text.length && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      carried = text.slice(-1);
      text = text.slice(0, -1);
    }
    write(text);
    yield events;
    events = [];
  }
  const rest = carried + decoder.decode();
  if (rest) {
    write(rest);
    yield events;
  }
}
parseSax[MARK] = true;

const cached = require.cache[saxPath];
if (!cached) {
  // A loaded module as Node's CommonJS loader would leave it (require.cache entries may be added,
  // as Node documents): exceljs's require('../../utils/parse-sax') finds it here and takes its exports.
  const { Module } = require('node:module');
  const m = new Module(saxPath);
  m.filename = saxPath;
  m.exports = parseSax;
  m.loaded = true;
  require.cache[saxPath] = m;
} else if (!cached.exports?.[MARK]) {
  throw new Error('exceljs was loaded before platform/excel/exceljs.mjs: import exceljs only through that module');
}

/** exceljs, with the streaming decoder above. */
const ExcelJS = require('exceljs');
if (!require('exceljs/lib/utils/parse-sax.js')[MARK]) throw new Error('exceljs did not take the streaming parse-sax');

// Writing has the mirror fault: exceljs hands each part to JSZip as a string, which JSZip cuts into
// 16K-unit pieces and encodes one by one, so a character outside the BMP (𠮷, in some names) cut
// between its two surrogates is written as two U+FFFD. The part goes to JSZip as UTF-8 bytes instead.
const { ZipWriter } = require('exceljs/lib/utils/zip-stream.js');
const append = ZipWriter.prototype.append;
if (!append[MARK]) {
  ZipWriter.prototype.append = function appendBytes(data, options) {
    return append.call(this, typeof data === 'string' && !options?.base64 ? Buffer.from(data, 'utf8') : data, options);
  };
  ZipWriter.prototype.append[MARK] = true;
}

export default ExcelJS;
