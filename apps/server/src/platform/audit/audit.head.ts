import fs from 'node:fs';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type AuditKeys, auditKeysOf, checkpointMac, hmacSm3Hex, sameHex } from './audit.keys.ts';
import { auditCheckpoints, auditLog } from './audit.table.ts';

/**
 * The chain head exported outside the database: the newest row's seq and hash, and when. Deleting
 * the newest rows leaves the chain itself intact, so `audit verify` compares it with the last head
 * exported here (to the log and to a file an operator ships elsewhere).
 */
export interface ExportedHead {
  seq: number;
  hash: string;
  at: string;
}

/** One line of the head file: the head and its HMAC-SM3 under the audit key's head sub-key. */
export function headLine(keys: AuditKeys, head: ExportedHead): string {
  const body = { seq: head.seq, hash: head.hash, at: head.at };
  return JSON.stringify({ ...body, mac: hmacSm3Hex(keys.head, JSON.stringify(body)) });
}

/** The last non-empty line of a file, or null if there is none; reads only the file's end. */
function lastLine(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const len = Math.min(size, 8192);
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    const lines = buf
      .toString('utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    return lines.at(-1) ?? null;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The last head in the file (null: none exported yet). `valid` is false when the line is not one
 * the product wrote: malformed, or its HMAC does not match.
 */
export function readLastHead(file: string, keys: AuditKeys): (ExportedHead & { valid: boolean }) | null {
  const line = lastLine(file);
  if (line === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { seq: 0, hash: '', at: '', valid: false };
  }
  const p = parsed as Partial<Record<'seq' | 'hash' | 'at' | 'mac', unknown>>;
  const seq = typeof p.seq === 'number' && Number.isSafeInteger(p.seq) && p.seq > 0 ? p.seq : 0;
  const hash = typeof p.hash === 'string' ? p.hash : '';
  const at = typeof p.at === 'string' ? p.at : '';
  const valid =
    seq > 0 &&
    /^[0-9a-f]{64}$/.test(hash) &&
    typeof p.mac === 'string' &&
    sameHex(line, headLine(keys, { seq, hash, at }));
  return { seq, hash, at, valid };
}

/**
 * Whether an exported head is still in the chain: its row must be there with the hash exported,
 * unless the retention job (a checkpoint bearing the audit key's MAC) removed it with its whole day.
 */
export async function headInChain(db: Db, head: ExportedHead): Promise<'ok' | 'tail_missing' | 'head_mismatch'> {
  const keys = auditKeysOf(db);
  const [cp] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
  if (cp?.mac && head.seq < cp.firstSeq && sameHex(cp.mac, checkpointMac(keys, cp))) return 'ok';
  const [row] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, head.seq));
  if (!row) return 'tail_missing';
  return sameHex(row.hash, head.hash) ? 'ok' : 'head_mismatch';
}

export interface HeadLog {
  info(o: object, m: string): void;
  error(o: object, m: string): void;
}

/**
 * Exports the chain head: one pino info line and one line appended to `file`. The head last
 * exported must still be in the chain; if it is not (the newest rows were deleted, or the file's
 * last line was forged), nothing is exported, so that `audit verify` keeps reporting it, and the
 * log says why. Returns what it did.
 */
export async function exportAuditHead(
  db: Db,
  opts: { file: string; now: Date; log: HeadLog },
): Promise<'written' | 'unchanged' | 'empty' | 'refused'> {
  const keys = auditKeysOf(db);
  const [last] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  if (!last) return 'empty';
  const previous = readLastHead(opts.file, keys);
  if (previous && !previous.valid) {
    opts.log.error(
      { auditHead: { file: opts.file } },
      'the audit head file ends with a line the server did not write; no head exported until it is looked into',
    );
    return 'refused';
  }
  if (previous) {
    const found = await headInChain(db, previous);
    if (found !== 'ok') {
      opts.log.error(
        { auditHead: { seq: previous.seq, at: previous.at, reason: found } },
        'the audit chain no longer holds the head last exported; no head exported until it is looked into',
      );
      return 'refused';
    }
    if (previous.seq === last.seq && previous.hash === last.hash) return 'unchanged';
  }
  const line = headLine(keys, { seq: last.seq, hash: last.hash, at: opts.now.toISOString() });
  await fs.promises.mkdir(path.dirname(opts.file), { recursive: true });
  await fs.promises.appendFile(opts.file, `${line}\n`);
  opts.log.info({ auditHead: JSON.parse(line) }, 'audit chain head');
  return 'written';
}
