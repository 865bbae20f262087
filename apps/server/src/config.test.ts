import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults for the embedded evaluation mode', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.secureCookies).toBe(false);
    expect(c.auditKeyHex).toBeUndefined();
    expect(c.auditHeadEveryMs).toBe(300_000);
    expect(loadConfig({ LIANXIN_DATA_DIR: '/srv/lianxin' }).auditHeadFile).toBe('/srv/lianxin/audit-head.jsonl');
    expect(
      loadConfig({ LIANXIN_DATA_DIR: '/srv/lianxin', LIANXIN_AUDIT_HEAD_FILE: '/var/log/lianxin/head.jsonl' })
        .auditHeadFile,
    ).toBe('/var/log/lianxin/head.jsonl');
  });

  it('names the variable when a value is malformed', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LIANXIN_DATA_KEY: 'short' })).toThrow(/LIANXIN_DATA_KEY/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LIANXIN_AUDIT_KEY: 'ab'.repeat(16) })).toThrow(
      /LIANXIN_AUDIT_KEY: must be 64 hex characters/,
    );
    expect(() => loadConfig({ LIANXIN_AUDIT_HEAD_INTERVAL: '1' })).toThrow(
      /LIANXIN_AUDIT_HEAD_INTERVAL: must be at least 10/,
    );
  });

  it('turns on Secure cookies behind an https public URL', () => {
    expect(loadConfig({ LIANXIN_PUBLIC_URL: 'https://sg.example.gov.cn' }).secureCookies).toBe(true);
  });
});
