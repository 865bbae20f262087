import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { openRuntime } from '../src/boot.ts';
import { loadConfig } from '../src/config.ts';
import { DataDirLockedError } from '../src/db/client.ts';
import { exportAuditHead } from '../src/platform/audit/audit.head.ts';
import { AuditKeyError } from '../src/platform/audit/audit.keys.ts';
import { writeAudit } from '../src/platform/audit/audit.service.ts';
import { systemCtx } from '../src/platform/context.ts';
import { PiiKeyError } from '../src/platform/pii.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-start-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

// These concern the embedded mode's own data directory; the PostgreSQL run has nothing to add.
describe('embedded start-up', () => {
  it('holds the data directory: a second process exits with a clear message', async () => {
    const dir = tmp();
    const rt = await openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir }), new Date());
    try {
      const second = spawnSync(process.execPath, ['apps/server/bin/lianxin.mjs', 'migrate'], {
        cwd: root,
        env: { ...process.env, LIANXIN_DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(/in use by another Lianxin process/);
      await expect(openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir }), new Date())).rejects.toThrow(DataDirLockedError);
    } finally {
      await rt.database.close();
    }
    const again = await openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir }), new Date());
    await again.database.close();
    expect(fs.existsSync(path.join(dir, 'lianxin.lock'))).toBe(false);
    // Migrates a fresh embedded database and starts a second process: as long as the child's own limit.
  }, 60_000);

  it('takes over a stale lock whose pid now belongs to another program; a live holder still blocks', async () => {
    const dir = tmp();
    const lock = path.join(dir, 'lianxin.lock');
    const open = async () => (await openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir }), new Date())).database.close();
    await open();
    const longAgo = new Date('2001-01-01T00:00:00Z');
    // A crashed server's lock; its pid is now a live program that is not Lianxin (this test's
    // parent, or init): in an older version's form (the pid alone, written before that program
    // started), and in this version's form (the pid and a start time that is not the program's).
    for (const text of [String(process.ppid), '1', `${process.ppid} 1`, '1 1']) {
      fs.writeFileSync(lock, text);
      fs.utimesSync(lock, longAgo, longAgo);
      await open();
      expect(fs.existsSync(lock)).toBe(false);
    }
    // A live holder still blocks: this process, named by the pid alone in a lock written after it started.
    fs.writeFileSync(lock, String(process.pid));
    await expect(openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir }), new Date())).rejects.toThrow(DataDirLockedError);
    fs.rmSync(lock);
  }, 60_000);

  it('stops on SIGTERM when nobody reads its standard output any more', async () => {
    const child = spawn(process.execPath, ['apps/server/bin/lianxin.mjs', 'start'], {
      cwd: root,
      env: {
        ...process.env,
        LIANXIN_DATA_DIR: tmp(),
        DATABASE_URL: '',
        PORT: '0',
        HOST: '127.0.0.1',
        LIANXIN_DEMO: 'off',
        LIANXIN_WEB_DIST: '/nonexistent',
        LIANXIN_SHUTDOWN_SECONDS: '60',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    // A server that does not stop (the bug) must not outlive the test.
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const port = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const m = /running on http:\/\/localhost:(\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
    });
    // The reader stops reading but keeps the pipe (a parent gone, its pipe held by another):
    // the request log fills it.
    child.stdout.pause();
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.text())),
      );
    }
    child.kill('SIGTERM');
    // It used to hang for good; now it closes and exits cleanly, well within its deadline.
    expect(await exited).toEqual({ code: 0, signal: null });
  }, 150_000);

  it('refuses to start with a data key that does not match the database', async () => {
    const dir = tmp();
    const first = await openRuntime(
      loadConfig({ LIANXIN_DATA_DIR: dir, LIANXIN_DATA_KEY: 'ab'.repeat(32) }),
      new Date(),
    );
    await first.database.close();
    await expect(
      openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir, LIANXIN_DATA_KEY: 'cd'.repeat(32) }), new Date()),
    ).rejects.toThrow(PiiKeyError);
    // The failed start released the directory.
    const ok = await openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir, LIANXIN_DATA_KEY: 'ab'.repeat(32) }), new Date());
    await ok.database.close();
  });

  it('stops at start with a message naming a malformed variable', () => {
    const res = spawnSync(process.execPath, ['apps/server/bin/lianxin.mjs', 'migrate'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/DATABASE_URL: must be a postgres/);
  });

  it('refuses to start with an audit key that is not the one the audit log was written with', async () => {
    const dir = tmp();
    const first = await openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir }), new Date());
    await first.database.close();
    await expect(
      openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir, LIANXIN_AUDIT_KEY: 'de'.repeat(32) }), new Date()),
    ).rejects.toThrow(AuditKeyError);
    const ok = await openRuntime(loadConfig({ LIANXIN_DATA_DIR: dir }), new Date());
    await ok.database.close();
  });

  it('`audit verify` checks the chain with LIANXIN_AUDIT_KEY against the last exported head', async () => {
    const dir = tmp();
    const env = { LIANXIN_DATA_DIR: dir, LIANXIN_AUDIT_KEY: 'c4'.repeat(32) };
    const verify = () =>
      spawnSync(process.execPath, ['apps/server/bin/lianxin.mjs', 'audit', 'verify'], {
        cwd: root,
        env: { ...process.env, ...env, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const config = loadConfig(env);
    const rt = await openRuntime(config, new Date());
    try {
      expect(rt.auditKey.toString('hex')).toBe('c4'.repeat(32));
      await rt.database.db.transaction((tx) =>
        writeAudit(tx, systemCtx(new Date(), 'test'), { action: 'update', entity: 'station' }),
      );
      const log = { info: () => {}, error: () => {} };
      expect(
        await exportAuditHead(rt.database.db, { file: path.join(dir, 'audit-head.jsonl'), now: new Date(), log }),
      ).toBe('written');
    } finally {
      await rt.database.close();
    }
    const intact = verify();
    expect(intact.stdout).toMatch(
      /Audit chain intact: 1 rows checked; the head exported at .* \(seq 1\) is in the chain/,
    );
    expect(intact.status).toBe(0);
    // The only row deleted by someone who switched the trigger off.
    const again = await openRuntime(config, new Date());
    await again.database.exec(
      'BEGIN; ALTER TABLE audit_log DISABLE TRIGGER ALL; DELETE FROM audit_log; ALTER TABLE audit_log ENABLE TRIGGER ALL; COMMIT;',
    );
    await again.database.close();
    const broken = verify();
    expect(broken.stderr).toMatch(/Audit chain BROKEN at seq 1 \(tail_missing\)/);
    expect(broken.status).toBe(2);
  }, 120_000);
});
