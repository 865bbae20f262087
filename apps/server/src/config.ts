import path from 'node:path';
import { z } from 'zod';

const zConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LIANXIN_DATA_DIR: z.string().default('./data'),
  LIANXIN_DATA_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (two 128-bit keys: SM4 and HMAC-SM3)')
    .optional(),
  // The audit chain's own key; without it the key is derived from LIANXIN_DATA_KEY. Like the data
  // key it never goes to the database, so whoever holds only the database cannot extend the chain.
  LIANXIN_AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (the 256-bit HMAC-SM3 key of the audit chain)')
    .optional(),
  LIANXIN_AUDIT_HEAD_FILE: z.string().optional(),
  LIANXIN_AUDIT_HEAD_INTERVAL: z.coerce
    .number()
    .int()
    .min(10, 'must be at least 10 (seconds)')
    .max(86_400, 'must be at most 86400 (seconds)')
    .default(300),
  LIANXIN_DEMO: z.enum(['on', 'off']).default('on'),
  LIANXIN_DEMO_PASSWORD: z.string().min(8).optional(),
  LIANXIN_PUBLIC_URL: z.string().url().optional(),
  LIANXIN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LIANXIN_WEB_DIST: z.string().optional(),
  LIANXIN_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  LIANXIN_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(300),
  LIANXIN_REVEAL_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  LIANXIN_IMPORT_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LIANXIN_TRUST_PROXY: z
    .string()
    .regex(
      /^(off|[\w.:/-]+(,[\w.:/-]+)*)$/,
      'must be off, or a comma-separated list of proxy addresses, CIDRs or loopback/linklocal/uniquelocal',
    )
    .default('loopback'),
  LIANXIN_SHUTDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  LIANXIN_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type Env = z.infer<typeof zConfig>;

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  dataKeyHex?: string;
  /** The audit chain's key (LIANXIN_AUDIT_KEY); unset: derived from the data key. */
  auditKeyHex?: string;
  /** Where the audit chain's head is appended (one JSON line with its HMAC) for an operator to ship elsewhere. */
  auditHeadFile: string;
  /** How often the head is exported (and once more at shutdown). */
  auditHeadEveryMs: number;
  demo: boolean;
  demoPassword?: string;
  publicUrl?: string;
  /** Secure + __Host- cookie. Off only when the public URL is plain http (local evaluation). */
  secureCookies: boolean;
  logLevel: Env['LIANXIN_LOG_LEVEL'];
  webDist?: string;
  loginRateLimit: number;
  /** Requests per minute and client address to the public (no login) endpoints. */
  publicRateLimit: number;
  /** Reveals of personal data per minute and user, across every `…/reveal` route. */
  revealRateLimit: number;
  /** Imports (Excel, HSDS) per minute and user. */
  importRateLimit: number;
  /**
   * Proxies whose X-Forwarded-For is believed (false: none). The client address drives the login
   * log, the audit log and rate limits, so a header from anyone else must not set it.
   */
  trustProxy: string[] | false;
  /** How long a stop (SIGTERM, SIGINT) may take before the process exits regardless. */
  shutdownSeconds: number;
  /** Bearer token a Prometheus scraper sends for /metrics; without one only this machine may scrape. */
  metricsToken?: string;
}

export class ConfigError extends Error {}

/** Parses LIANXIN_* and DATABASE_URL; a bad value names the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as shells and compose files tend to pass them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = zConfig.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = e.LIANXIN_PUBLIC_URL;
  const dataDir = path.resolve(e.LIANXIN_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    dataKeyHex: e.LIANXIN_DATA_KEY,
    auditKeyHex: e.LIANXIN_AUDIT_KEY?.toLowerCase(),
    auditHeadFile: path.resolve(dataDir, e.LIANXIN_AUDIT_HEAD_FILE ?? 'audit-head.jsonl'),
    auditHeadEveryMs: e.LIANXIN_AUDIT_HEAD_INTERVAL * 1000,
    demo: e.LIANXIN_DEMO === 'on',
    demoPassword: e.LIANXIN_DEMO_PASSWORD,
    publicUrl,
    secureCookies: publicUrl ? publicUrl.startsWith('https://') : false,
    logLevel: e.LIANXIN_LOG_LEVEL,
    webDist: e.LIANXIN_WEB_DIST,
    loginRateLimit: e.LIANXIN_LOGIN_RATE_LIMIT,
    publicRateLimit: e.LIANXIN_PUBLIC_RATE_LIMIT,
    revealRateLimit: e.LIANXIN_REVEAL_RATE_LIMIT,
    importRateLimit: e.LIANXIN_IMPORT_RATE_LIMIT,
    trustProxy: e.LIANXIN_TRUST_PROXY === 'off' ? false : e.LIANXIN_TRUST_PROXY.split(','),
    shutdownSeconds: e.LIANXIN_SHUTDOWN_SECONDS,
    metricsToken: e.LIANXIN_METRICS_TOKEN,
  };
}
