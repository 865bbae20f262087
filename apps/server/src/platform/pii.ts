import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { blindIndex, sealer, sealMany } from './pii.seal.mjs';

/**
 * Personal data at rest: SM4-CBC then HMAC-SM3 over (prefix, iv, ciphertext) — encrypt-then-MAC.
 * Stored form: `sm4:<keyVersion>:<base64(iv|ct|tag)>`. A separate keyed HMAC-SM3 of the normalised
 * clear value ("blind index") allows exact lookup without decryption.
 */
export interface PiiCipher {
  encrypt(clear: string): string;
  /** encrypt for many values at once (a bulk import): the same stored form, the IVs drawn in one go. */
  encryptMany(clears: readonly string[]): string[];
  /**
   * encryptMany on a worker thread, so the caller's thread goes on meanwhile (a large import reads
   * its next rows); the worker is started on first use and does not keep the process alive.
   */
  encryptManyAside(clears: readonly string[]): Promise<string[]>;
  /** encryptManyAside, with each value's keyed hash (as `hash`) made on the worker too. */
  encryptAndHashManyAside(clears: readonly string[]): Promise<{ sealed: string[]; hashes: string[] }>;
  /** Stops the worker thread, if one was started; what it was still sealing is refused. A later call starts a new one. */
  closeAside(): Promise<void>;
  decrypt(stored: string): string;
  /** Keyed hash for exact-match lookup; callers normalise first. */
  hash(clear: string): string;
  keyVersion: string;
  /**
   * The audit chain's key, HMAC-SM3(data key, 'lianxin/audit-chain/v1'): never stored, so only the
   * product can extend the chain (LIANXIN_AUDIT_KEY, when set, is used instead; see boot.ts).
   */
  auditKey: Buffer;
}

export class PiiKeyError extends Error {}

const PREFIX = 'sm4';

function deriveKeys(master: Buffer) {
  const sub = (label: string) => crypto.createHmac('sm3', master).update(label).digest();
  return {
    enc: master.subarray(0, 16),
    mac: master.subarray(16, 32),
    index: sub('lianxin/blind-index/v1').subarray(0, 16),
    audit: sub('lianxin/audit-chain/v1'),
  };
}

export function createPiiCipher(masterHex: string, keyVersion = 'k1'): PiiCipher {
  const master = Buffer.from(masterHex, 'hex');
  if (master.length !== 32) throw new PiiKeyError('The data key must be 32 bytes (64 hex characters)');
  const keys = deriveKeys(master);
  const head = `${PREFIX}:${keyVersion}:`;
  const seal = sealer({ enc: keys.enc, mac: keys.mac, head });
  const index = blindIndex(keys.index);
  let aside: AsideWorker | null = null;
  const worker = () => {
    if (!aside?.alive) aside = new AsideWorker({ enc: keys.enc, mac: keys.mac, index: keys.index, head });
    return aside;
  };
  return {
    keyVersion,
    auditKey: keys.audit,
    encrypt: (clear) => seal(clear, crypto.randomBytes(16)),
    encryptMany: (clears) => sealMany(seal, clears),
    encryptManyAside: async (clears) => (await worker().seal(clears, false)).sealed,
    encryptAndHashManyAside: async (clears) => {
      const { sealed, hashes } = await worker().seal(clears, true);
      return { sealed, hashes: hashes ?? [] };
    },
    closeAside: async () => {
      await aside?.close();
      aside = null;
    },
    decrypt(stored) {
      if (!stored.startsWith(head)) throw new PiiKeyError('Ciphertext was made with another algorithm or key version');
      const raw = Buffer.from(stored.slice(head.length), 'base64');
      if (raw.length < 16 + 16 + 32) throw new PiiKeyError('Ciphertext is truncated');
      const iv = raw.subarray(0, 16);
      const ct = raw.subarray(16, raw.length - 32);
      const tag = raw.subarray(raw.length - 32);
      const expect = crypto.createHmac('sm3', keys.mac).update(head).update(iv).update(ct).digest();
      if (!crypto.timingSafeEqual(tag, expect))
        throw new PiiKeyError('Ciphertext failed its integrity check (wrong key?)');
      const decipher = crypto.createDecipheriv('sm4-cbc', keys.enc, iv);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    },
    hash: index,
  };
}

interface Sealed {
  sealed: string[];
  hashes: string[] | null;
}

/** The bulk-encryption worker thread of one cipher: requests answered in order, by id. */
class AsideWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(v: Sealed): void; reject(e: Error): void }>();
  private next = 0;
  /** False once the thread has stopped (closed, or crashed): the cipher then starts another. */
  alive = true;

  constructor(keys: { enc: Buffer; mac: Buffer; index: Buffer; head: string }) {
    this.worker = new Worker(new URL('./pii.worker.mjs', import.meta.url), { workerData: keys });
    this.worker.unref();
    this.worker.on('message', (m: { id: number; sealed?: string[]; hashes?: string[] | null; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.sealed) w?.resolve({ sealed: m.sealed, hashes: m.hashes ?? null });
      else w?.reject(new Error(m.error));
    });
    this.worker.on('error', (err) => this.fail(err));
    // A thread that stops for any reason answers nothing more: whoever still waits is refused, not left hanging.
    this.worker.on('exit', (code) => this.fail(new Error(`the sealing worker stopped (exit code ${code})`)));
  }

  private fail(err: Error) {
    this.alive = false;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.alive = false;
    await this.worker.terminate();
  }

  seal(clears: readonly string[], withHashes: boolean): Promise<Sealed> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, clears, withHashes });
    });
  }
}

/**
 * The key comes from LIANXIN_DATA_KEY; in embedded mode without it, a key file is generated in
 * the data directory with 0600 permissions on first start.
 */
export function loadDataKey(opts: { dataKeyHex?: string; dataDir: string; embedded: boolean }): string {
  if (opts.dataKeyHex) return opts.dataKeyHex.toLowerCase();
  if (!opts.embedded) {
    throw new PiiKeyError(
      'LIANXIN_DATA_KEY is required with DATABASE_URL (64 hex characters; keep it out of the database backups)',
    );
  }
  const file = path.join(opts.dataDir, 'data.key');
  if (fs.existsSync(file)) {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new PiiKeyError(`${file} is not a 64-hex-character key`);
    return hex;
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const hex = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${hex}\n`, { mode: 0o600, flag: 'wx' });
  return hex;
}

/**
 * The stored columns of an optional personal field — `<name>Enc` and its blind index `<name>Hash`:
 * both set for a value, both null for a cleared one (null or ''), and none at all for a field left
 * out (undefined), so that an update keeps what is stored.
 */
export function sealedColumns<N extends string>(
  pii: PiiCipher,
  name: N,
  clear: string | null | undefined,
): Partial<Record<`${N}Enc` | `${N}Hash`, string | null>> {
  if (clear === undefined) return {};
  const enc = `${name}Enc` as const;
  const hash = `${name}Hash` as const;
  return (clear ? { [enc]: pii.encrypt(clear), [hash]: pii.hash(clear) } : { [enc]: null, [hash]: null }) as Record<
    `${N}Enc` | `${N}Hash`,
    string | null
  >;
}
