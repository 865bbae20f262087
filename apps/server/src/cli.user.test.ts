import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test/app.ts';
import { run } from './cli.ts';
import { readPassword, UsageError, userCreateOptions } from './cli.user.ts';

const t = useTestApp();

describe('lianxin user create: options', () => {
  const base = { username: 'county-admin', name: '端州区管理员', role: 'region_admin' };

  it('refuses a region administrator without --region, or with a region that does not exist (exit code 2)', async () => {
    const missing = await userCreateOptions(t.database.db, base).catch((e) => e);
    expect(missing).toBeInstanceOf(UsageError);
    expect(missing).toMatchObject({ exitCode: 2, message: expect.stringContaining('--region') });
    const unknown = await userCreateOptions(t.database.db, { ...base, region: '441299' }).catch((e) => e);
    expect(unknown).toMatchObject({ exitCode: 2, message: expect.stringContaining('441299 is not a known region') });
    const malformed = await userCreateOptions(t.database.db, { ...base, region: '44%' }).catch((e) => e);
    expect(malformed).toBeInstanceOf(UsageError);
  });

  it('accepts a region administrator of an existing region, and the three administrators nationwide', async () => {
    expect(await userCreateOptions(t.database.db, { ...base, region: '441202' })).toEqual({
      ...base,
      region: '441202',
    });
    expect(await userCreateOptions(t.database.db, { ...base, role: 'auditor' })).toMatchObject({
      role: 'auditor',
      region: '',
    });
    expect(await userCreateOptions(t.database.db, { ...base, role: 'root' }).catch((e) => e)).toBeInstanceOf(
      UsageError,
    );
  });

  it('never takes the password from the command line', async () => {
    for (const argv of [
      ['user', 'create', '--password', 'Init#Pass2026'],
      ['user', 'reset-password', '--username', 'x', '--password=Init#Pass2026'],
    ]) {
      const err = await run(argv).catch((e) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect(err.message).toContain('--password is not accepted');
    }
  });
});

describe('lianxin user: reading the password', () => {
  it('takes the first line of a piped standard input, whatever the chunks', async () => {
    expect(await readPassword(Readable.from(['Init#Pa', 'ss2026\r\nsecond line\n']))).toBe('Init#Pass2026');
    expect(await readPassword(Readable.from(['Init#Pass2026']))).toBe('Init#Pass2026');
  });

  it('refuses an empty standard input', async () => {
    expect(await readPassword(Readable.from([])).catch((e) => e)).toBeInstanceOf(UsageError);
  });

  it('asks twice in a terminal without echoing the password', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let shown = '';
    // Type each answer when its prompt shows, as a person would.
    output.on('data', (c) => {
      shown += c;
      if (String(c).includes('Password: ') || String(c).includes('Repeat the password: '))
        setImmediate(() => input.write('Init#Pass2026\n'));
    });
    const answer = readPassword(input, output);
    expect(await answer).toBe('Init#Pass2026');
    expect(shown).toContain('Password: ');
    expect(shown).not.toContain('Init#Pass2026');
  });
});
