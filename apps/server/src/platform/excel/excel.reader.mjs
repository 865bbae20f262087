// The reading thread (see excel.stream.ts, readAside): it unzips and parses large uploaded
// workbooks with exceljs while the request's thread checks and writes the rows already read.
// Several reads may run at once, each by its id. A read posts its header, then its rows a batch at
// a time, and runs at most AHEAD batches ahead of the batches the other side has taken ('next').
import fs from 'node:fs';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { ReaderFailure, readSheetRows } from './excel.rows.mjs';

// Reading is background work: on Linux this thread lowers its own priority (a thread is scheduled
// by its own id), so requests and the database — which writes what is read — go first when the
// cores are busy. Where that is not possible it reads at the normal priority.
try {
  const thread = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (thread) os.setPriority(thread, 10);
} catch {
  /* not Linux, or not allowed: the normal priority */
}

const AHEAD = 2;
const reads = new Map();
/** Thrown into a read the other side has given up on. */
const STOPPED = Symbol('stopped');

parentPort.on('message', (m) => {
  if (m.kind === 'read') void read(m);
  else {
    const r = reads.get(m.id);
    if (!r) return;
    if (m.kind === 'next') r.credit++;
    else r.stopped = true;
    r.wake?.();
  }
});

async function read({ id, buffer, names, batchSize }) {
  const r = { credit: AHEAD, stopped: false, wake: null };
  reads.set(id, r);
  const post = (m) => parentPort.postMessage({ id, ...m });
  try {
    const found = await readSheetRows(
      buffer,
      names,
      {
        header: (cells) => post({ kind: 'header', cells }),
        rows: async (rows) => {
          while (r.credit === 0 && !r.stopped) await new Promise((wake) => (r.wake = wake));
          r.wake = null;
          if (r.stopped) throw STOPPED;
          r.credit--;
          post({ kind: 'rows', rows });
        },
      },
      batchSize,
    );
    post({ kind: 'end', found });
  } catch (err) {
    if (err !== STOPPED)
      post({
        kind: 'failed',
        message: String(err?.message ?? err),
        handed: err instanceof ReaderFailure && err.handed,
      });
  } finally {
    reads.delete(id);
  }
}
