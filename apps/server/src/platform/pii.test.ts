import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPiiCipher, loadDataKey, PiiKeyError } from './pii.ts';

const KEY = '0f'.repeat(32);

describe('personal data cipher (SM4-CBC + HMAC-SM3)', () => {
  const c = createPiiCipher(KEY);

  it('round-trips text, including Chinese, with a fresh IV each time', () => {
    const a = c.encrypt('广东省肇庆市端州区城东街道 13812345678');
    const b = c.encrypt('广东省肇庆市端州区城东街道 13812345678');
    expect(a).not.toBe(b);
    expect(a.startsWith('sm4:k1:')).toBe(true);
    expect(a).not.toContain('1381234');
    expect(c.decrypt(a)).toBe('广东省肇庆市端州区城东街道 13812345678');
  });

  it('encrypts many values at once in the same stored form, each with its own IV', () => {
    const clears = ['440102199001011234', '13812345678', '440102199001011234'];
    const many = c.encryptMany(clears);
    expect(many.map((x) => c.decrypt(x))).toEqual(clears);
    expect(many[0]).not.toBe(many[2]);
    expect(many.map((x) => x.length)).toEqual(clears.map((x) => c.encrypt(x).length));
    const ivs = many.map((x) => Buffer.from(x.slice(7), 'base64').subarray(0, 16).toString('hex'));
    expect(new Set(ivs).size).toBe(3);
    expect(c.encryptMany([])).toEqual([]);
  });

  it('seals many values on a worker thread in the same stored form, answering each request with its own values', async () => {
    const first = ['440102199001011234', '13812345678', '广东省肇庆市'];
    const second = ['13900000000'];
    const [a, b, none] = await Promise.all([
      c.encryptManyAside(first),
      c.encryptManyAside(second),
      c.encryptManyAside([]),
    ]);
    expect(a.map((x) => c.decrypt(x))).toEqual(first);
    expect(b.map((x) => c.decrypt(x))).toEqual(second);
    expect(none).toEqual([]);
    expect(a[0]!.startsWith('sm4:k1:')).toBe(true);
    expect(a[0]).not.toBe(c.encryptMany([first[0]!])[0]);
    const both = await c.encryptAndHashManyAside(second);
    expect(both.sealed.map((x) => c.decrypt(x))).toEqual(second);
    expect(both.hashes).toEqual(second.map((x) => c.hash(x)));
    // Another key's worker seals with its own key.
    const other = createPiiCipher('b2'.repeat(32));
    const [sealed] = await other.encryptManyAside(['13812345678']);
    expect(other.decrypt(sealed!)).toBe('13812345678');
    expect(() => c.decrypt(sealed!)).toThrow(PiiKeyError);
  });

  it('refuses what the worker thread was still sealing when it stops, and starts a new one for the next call', async () => {
    const cipher = createPiiCipher('c3'.repeat(32));
    const pending = cipher.encryptManyAside(
      Array.from({ length: 20_000 }, (_, i) => `1390000${String(i).padStart(4, '0')}`),
    );
    await cipher.closeAside();
    await expect(pending).rejects.toThrow(/stopped/);
    const [again] = await cipher.encryptManyAside(['13812345678']);
    expect(cipher.decrypt(again!)).toBe('13812345678');
    await cipher.closeAside();
  });

  it('detects tampering and refuses another key', () => {
    const stored = c.encrypt('440102199001011234');
    const raw = Buffer.from(stored.slice(7), 'base64');
    raw[20] ^= 1;
    expect(() => c.decrypt(`sm4:k1:${raw.toString('base64')}`)).toThrow(/integrity/);
    expect(() => createPiiCipher('1e'.repeat(32)).decrypt(stored)).toThrow(/integrity/);
    expect(() => createPiiCipher(KEY, 'k2').decrypt(stored)).toThrow(/key version/);
  });

  it('gives a stable keyed hash for lookups that differs between keys', () => {
    expect(c.hash('13812345678')).toBe(c.hash('13812345678'));
    expect(c.hash('13812345678')).not.toBe(c.hash('13812345679'));
    expect(createPiiCipher('1e'.repeat(32)).hash('13812345678')).not.toBe(c.hash('13812345678'));
  });

  it('generates a 0600 key file in embedded mode and reuses it; PostgreSQL mode demands the variable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-key-'));
    const k1 = loadDataKey({ dataDir: dir, embedded: true });
    expect(k1).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(dir, 'data.key')).mode & 0o777).toBe(0o600);
    expect(loadDataKey({ dataDir: dir, embedded: true })).toBe(k1);
    expect(() => loadDataKey({ dataDir: dir, embedded: false })).toThrow(/LIANXIN_DATA_KEY/);
    fs.rmSync(dir, { recursive: true });
  });
});
