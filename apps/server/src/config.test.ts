import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults for the embedded evaluation mode', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.secureCookies).toBe(false);
  });

  it('names the variable when a value is malformed', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LIANXIN_DATA_KEY: 'short' })).toThrow(/LIANXIN_DATA_KEY/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('turns on Secure cookies behind an https public URL', () => {
    expect(loadConfig({ LIANXIN_PUBLIC_URL: 'https://sg.example.gov.cn' }).secureCookies).toBe(true);
  });
});
