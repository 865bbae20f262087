import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { openRuntime } from './boot.ts';
import type { Config } from './config.ts';
import { refreshPlannerStatistics, serverJobs } from './jobs.ts';
import { exportAuditHead } from './platform/audit/audit.head.ts';
import { closeReadingThread } from './platform/excel/excel.stream.ts';
import { startJobs } from './platform/jobs.ts';
import { createLogStream } from './platform/log-stream.ts';
import { demoAccounts, generateDemoPassword, isEmptyDatabase, seedDemo } from './seed/demo.seed.ts';

function demoPasswordFile(config: Config) {
  return path.join(config.dataDir, 'demo-password.txt');
}

/** Seeds the demo on an empty embedded database and prints the logins (never on PostgreSQL by itself). */
async function maybeSeedDemo(config: Config, rt: Awaited<ReturnType<typeof openRuntime>>) {
  if (!config.demo || config.databaseUrl) return;
  const { db } = rt.database;
  let password = config.demoPassword;
  if (await isEmptyDatabase(db)) {
    password ??= generateDemoPassword();
    console.log(
      'Creating the demo (肇庆市 regions, its service network, its social-work talent since 2008 and one account per role)…',
    );
    await seedDemo(rt.database, { password, pii: rt.pii, now: new Date() });
    if (!config.demoPassword) fs.writeFileSync(demoPasswordFile(config), `${password}\n`, { mode: 0o600 });
  } else if (!password && fs.existsSync(demoPasswordFile(config))) {
    password = fs.readFileSync(demoPasswordFile(config), 'utf8').trim();
  }
  const accounts = await demoAccounts(db).catch(() => []);
  if (!accounts.length) return;
  console.log('\n演示账号 Demo logins (password for all: %s)', password ?? '(set at first start)');
  for (const a of accounts)
    console.log(`  ${a.username.padEnd(14)} ${a.role.padEnd(14)} ${a.displayName} ${a.regionCode || '全国'}`);
  console.log('');
}

export async function start(config: Config): Promise<void> {
  const rt = await openRuntime(config, new Date());
  let closing = false;
  let stopJobs = () => {};
  const log = createLogStream();
  const app = await buildApp({
    database: rt.database,
    config,
    pii: rt.pii,
    auditKey: rt.auditKey,
    logger: { level: config.logLevel, stream: log.stream },
  });
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // Whatever hangs (a connection that will not close, the database, the log's reader), the
    // process ends within the deadline. Not unref'd: it must fire even when nothing else is pending.
    setTimeout(() => {
      process.stderr.write(`Lianxin: stopping took longer than ${config.shutdownSeconds}s; exiting anyway\n`);
      process.exit(1);
    }, config.shutdownSeconds * 1000);
    app.log.info({ signal }, 'shutting down');
    stopJobs();
    // The last head before the process goes: what verify compares against until the next start.
    await exportAuditHead(rt.database.db, { file: config.auditHeadFile, now: new Date(), log: app.log }).catch((err) =>
      app.log.error({ err }, 'audit head export failed'),
    );
    await app.close().catch(() => {});
    await Promise.allSettled([rt.pii.closeAside(), closeReadingThread()]);
    await rt.database.close().catch((err) => app.log.error({ err }, 'closing the database failed'));
    app.log.info('stopped');
    // The last lines if the reader takes them; a full pipe is given up on rather than waited for.
    log.stop();
    await log.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await maybeSeedDemo(config, rt);
    if (rt.database.kind === 'pglite') await refreshPlannerStatistics(rt.database.db);
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close().catch(() => {});
    await rt.database.close();
    throw err;
  }
  stopJobs = startJobs(
    rt.database.db,
    serverJobs(app.deps.params, rt.database.kind, {
      file: config.auditHeadFile,
      everyMs: config.auditHeadEveryMs,
      log: app.log,
    }),
    app.deps.clock,
    app.log,
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `连心 Lianxin is running on http://localhost:${port} (${rt.database.kind}${rt.database.kind === 'pglite' ? ` in ${config.dataDir}` : ''})`,
  );
}
