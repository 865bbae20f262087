import { totpRequiredFor } from '@lianxin/shared';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { readPassword, UsageError, userCreateOptions } from './cli.user.ts';
import { buildApp } from './app.ts';
import { openRuntime, type Runtime } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/client.ts';
import { AuditKeyError } from './platform/audit/audit.keys.ts';
import { verifyAuditChain, writeAudit } from './platform/audit/audit.service.ts';
import { assertPasswordPolicy, hashPassword } from './platform/auth/password.ts';
import { revokeSessions } from './platform/auth/sessions.ts';
import { systemCtx } from './platform/context.ts';
import { AppError } from './platform/errors.ts';
import { PiiKeyError } from './platform/pii.ts';
import { importRegions } from './modules/regions/regions.import.ts';
import { roles } from './modules/roles/roles.table.ts';
import { rolesOfUsers } from './modules/users/users.repo.ts';
import { TOTP_CLEARED } from './modules/users/users.service.ts';
import { loginFailures, userRoles, userScopes, users } from './modules/users/users.table.ts';
import { generateDemoPassword, seedDemo } from './seed/demo.seed.ts';
import { start } from './main.ts';

const HELP = `lianxin <command>

  start                                 migrate, seed (demo on an empty embedded database) and serve
  migrate                               apply database migrations
  regions import --prefix 4412 | --all  load official division codes (idempotent)
  demo seed [--yes]                     load the demo data (required: --yes with DATABASE_URL)
  user create --username U --name N --role R [--region CODE]
                                        (--region required but for sysadmin, secadmin, auditor)
  user reset-password --username U      the password is asked in a terminal, else read from
                                        the first line of standard input; never from argv
  audit verify                          check the audit log's keyed hash chain against the
                                        last exported head
  openapi                               print the OpenAPI document

Configuration comes from the environment: DATABASE_URL, LIANXIN_DATA_DIR, LIANXIN_DATA_KEY, LIANXIN_AUDIT_KEY, PORT, …`;

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(loadConfig(), new Date());
  try {
    return await fn(rt);
  } finally {
    await rt.database.close();
  }
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new AppError('VALIDATION', { detail: `${flag} is required` });
  return value;
}

export async function run(argv: string[]): Promise<number> {
  if (argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new UsageError(
      '--password is not accepted (it would show in ps and the shell history): the password is asked in a terminal, or read from the first line of standard input',
    );
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      prefix: { type: 'string' },
      all: { type: 'boolean' },
      yes: { type: 'boolean' },
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const cmd = positionals.join(' ');
  const now = new Date();
  switch (cmd) {
    case 'start':
      await start(loadConfig());
      return -1; // keep running
    case 'migrate':
      await withRuntime(async () => console.log('Migrations applied.'));
      return 0;
    case 'regions import':
      return withRuntime(async (rt) => {
        if (!values.all && !values.prefix) throw new AppError('VALIDATION', { detail: 'give --prefix CODE or --all' });
        if (values.prefix && !/^\d{2,12}$/.test(values.prefix))
          throw new AppError('VALIDATION', { detail: '--prefix must be digits' });
        const counts = await importRegions(rt.database, { prefix: values.prefix, all: values.all, now });
        await rt.database.db.transaction((tx) =>
          writeAudit(tx, systemCtx(now, 'cli'), {
            action: 'import',
            entity: 'region',
            detail: { ...counts, prefix: values.prefix ?? 'all' },
          }),
        );
        console.log(
          `Regions: ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged (${counts.total} rows).`,
        );
        return 0;
      });
    case 'demo seed':
      return withRuntime(async (rt) => {
        if (rt.database.kind === 'postgres' && !values.yes)
          throw new AppError('VALIDATION', { detail: 'demo data on PostgreSQL needs --yes' });
        const password = process.env.LIANXIN_DEMO_PASSWORD ?? generateDemoPassword();
        const accounts = await seedDemo(rt.database, { password, pii: rt.pii, now });
        console.log(`Demo seeded: ${accounts.map((a) => a.username).join(', ')} — password ${password}`);
        return 0;
      });
    case 'user create':
      return withRuntime(async (rt) => {
        const db = rt.database.db;
        const opts = await userCreateOptions(db, values);
        const password = await readPassword();
        assertPasswordPolicy(password, 'password');
        const passwordHash = await hashPassword(password);
        await db.transaction(async (tx) => {
          const [role] = await tx.select().from(roles).where(eq(roles.code, opts.role));
          const [u] = await tx
            .insert(users)
            .values({
              username: opts.username,
              displayName: opts.name,
              regionCode: opts.region,
              passwordHash,
              mustChangePassword: true,
            })
            .returning();
          await tx.insert(userRoles).values({ userId: u.id, roleId: role.id });
          await tx.insert(userScopes).values({ userId: u.id, regionCode: opts.region });
          await writeAudit(tx, systemCtx(now, 'cli'), {
            action: 'create',
            entity: 'user',
            entityIds: [u.id],
            regionCode: opts.region,
            fields: ['username', 'password', 'roles'],
          });
        });
        console.log(
          `User ${opts.username} created with role ${opts.role}${opts.region ? ` in region ${opts.region}` : ''}; the password must be changed at first login.`,
        );
        return 0;
      });
    case 'user reset-password':
      return withRuntime(async (rt) => {
        const db = rt.database.db;
        const username = need(values.username, '--username');
        const password = await readPassword();
        assertPasswordPolicy(password, 'password');
        const passwordHash = await hashPassword(password);
        const found = await db.transaction(async (tx) => {
          const [u] = await tx.select().from(users).where(eq(users.username, username));
          if (!u) return false;
          const freshTotp = totpRequiredFor((await rolesOfUsers(tx, [u.id])).flatMap((r) => r.permissions));
          await tx
            .update(users)
            .set({
              passwordHash,
              mustChangePassword: true,
              failedLogins: 0,
              lockedUntil: null,
              passwordResetAt: now,
              ...(freshTotp ? TOTP_CLEARED : {}),
              updatedAt: now,
              version: u.version + 1,
            })
            .where(eq(users.id, u.id));
          await tx.delete(loginFailures).where(eq(loginFailures.userId, u.id));
          await revokeSessions(tx, { userId: u.id }, now, 'password_reset');
          await writeAudit(tx, systemCtx(now, 'cli'), {
            action: 'reset_password',
            entity: 'user',
            entityIds: [u.id],
            regionCode: u.regionCode,
            fields: ['password', ...(freshTotp && u.totpEnabled ? ['totp'] : [])],
          });
          return true;
        });
        if (!found) {
          console.error(`No user ${username}`);
          return 1;
        }
        console.log(`Password of ${username} reset (must be changed at next login).`);
        return 0;
      });
    case 'audit verify':
      return withRuntime(async (rt) => {
        const config = loadConfig();
        const report = await verifyAuditChain(rt.database.db, { headFile: config.auditHeadFile });
        const head = report.head
          ? `; the head exported at ${report.head.at} (seq ${report.head.seq}) is in the chain`
          : `; no exported head in ${config.auditHeadFile}`;
        if (report.ok) console.log(`Audit chain intact: ${report.checked} rows checked${head}.`);
        else
          console.error(
            `Audit chain BROKEN at seq ${report.brokenAt?.seq} (${report.brokenAt?.reason}); ${report.checked} rows before it are intact.`,
          );
        return report.ok ? 0 : 2;
      });
    case 'openapi': {
      const { openPglite } = await import('./db/client.ts');
      const { createPiiCipher } = await import('./platform/pii.ts');
      const database = await openPglite(undefined);
      const app = await buildApp({
        database,
        config: loadConfig({ LIANXIN_DEMO: 'off' }),
        pii: createPiiCipher('0'.repeat(64)),
      });
      await app.ready();
      process.stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`);
      await app.close();
      await database.close();
      return 0;
    }
    default:
      console.log(HELP);
      return cmd && !values.help ? 1 : 0;
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    const code = await run(argv);
    if (code >= 0) process.exit(code);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      process.exit(err.exitCode);
    } else if (
      err instanceof ConfigError ||
      err instanceof DataDirLockedError ||
      err instanceof PiiKeyError ||
      err instanceof AuditKeyError
    ) {
      console.error(err.message);
    } else if (err instanceof AppError) {
      console.error(`Error: ${err.message}${err.errors ? ` ${JSON.stringify(err.errors)}` : ''}`);
    } else {
      console.error(err);
    }
    process.exit(1);
  }
}
