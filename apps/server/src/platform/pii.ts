import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data at rest: SM4-CBC then HMAC-SM3 over (prefix, iv, ciphertext) — encrypt-then-MAC.
 * Stored form: `sm4:<keyVersion>:<base64(iv|ct|tag)>`. A separate keyed HMAC-SM3 of the normalised
 * clear value ("blind index") allows exact lookup without decryption.
 */
export interface PiiCipher {
  encrypt(clear: string): string;
  /** encrypt for many values at once (a bulk import): the same stored form, the IVs drawn in one go. */
  encryptMany(clears: readonly string[]): string[];
  decrypt(stored: string): string;
  /** Keyed hash for exact-match lookup; callers normalise first. */
  hash(clear: string): string;
  keyVersion: string;
}

export class PiiKeyError extends Error {}

const PREFIX = 'sm4';

function deriveKeys(master: Buffer) {
  const sub = (label: string) => crypto.createHmac('sm3', master).update(label).digest().subarray(0, 16);
  return { enc: master.subarray(0, 16), mac: master.subarray(16, 32), index: sub('lianxin/blind-index/v1') };
}

export function createPiiCipher(masterHex: string, keyVersion = 'k1'): PiiCipher {
  const master = Buffer.from(masterHex, 'hex');
  if (master.length !== 32) throw new PiiKeyError('The data key must be 32 bytes (64 hex characters)');
  const keys = deriveKeys(master);
  const head = `${PREFIX}:${keyVersion}:`;
  const encryptWith = (clear: string, iv: Buffer) => {
    const cipher = crypto.createCipheriv('sm4-cbc', keys.enc, iv);
      const ct = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
      const tag = crypto.createHmac('sm3', keys.mac).update(head).update(iv).update(ct).digest();
      return head + Buffer.concat([iv, ct, tag]).toString('base64');
  };
  return {
    keyVersion,
    encrypt: (clear) => encryptWith(clear, crypto.randomBytes(16)),
    encryptMany(clears) {
      // One draw of random bytes: drawing 16 at a time cost more than the cipher on a 50,000-row import.
      const ivs = crypto.randomBytes(16 * clears.length);
      return clears.map((clear, i) => encryptWith(clear, ivs.subarray(16 * i, 16 * i + 16)));
    },
    decrypt(stored) {
      if (!stored.startsWith(head)) throw new PiiKeyError('Ciphertext was made with another algorithm or key version');
      const raw = Buffer.from(stored.slice(head.length), 'base64');
      if (raw.length < 16 + 16 + 32) throw new PiiKeyError('Ciphertext is truncated');
      const iv = raw.subarray(0, 16);
      const ct = raw.subarray(16, raw.length - 32);
      const tag = raw.subarray(raw.length - 32);
      const expect = crypto.createHmac('sm3', keys.mac).update(head).update(iv).update(ct).digest();
      if (!crypto.timingSafeEqual(tag, expect)) throw new PiiKeyError('Ciphertext failed its integrity check (wrong key?)');
      const decipher = crypto.createDecipheriv('sm4-cbc', keys.enc, iv);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    },
    hash(clear) {
      return crypto.createHmac('sm3', keys.index).update(clear, 'utf8').digest('hex');
    },
  };
}

/**
 * The key comes from LIANXIN_DATA_KEY; in embedded mode without it, a key file is generated in
 * the data directory with 0600 permissions on first start.
 */
export function loadDataKey(opts: { dataKeyHex?: string; dataDir: string; embedded: boolean }): string {
  if (opts.dataKeyHex) return opts.dataKeyHex.toLowerCase();
  if (!opts.embedded) {
    throw new PiiKeyError('LIANXIN_DATA_KEY is required with DATABASE_URL (64 hex characters; keep it out of the database backups)');
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
export function sealedColumns<N extends string>(pii: PiiCipher, name: N, clear: string | null | undefined): Partial<Record<`${N}Enc` | `${N}Hash`, string | null>> {
  if (clear === undefined) return {};
  const enc = `${name}Enc` as const;
  const hash = `${name}Hash` as const;
  return (clear ? { [enc]: pii.encrypt(clear), [hash]: pii.hash(clear) } : { [enc]: null, [hash]: null }) as Record<`${N}Enc` | `${N}Hash`, string | null>;
}
