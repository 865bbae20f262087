import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';

export const PG_TEMPLATE = 'lianxin_test_template';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Migrates once per run into a PGlite data-dir dump that every test file loads. */
export async function setupPglite({ provide }: { provide: (key: 'snapshot', value: string) => void }) {
  const snapshot = path.join(os.tmpdir(), `lianxin-test-snapshot-${process.pid}.tar.gz`);
  const pg = await openPglite(undefined);
  await migrate(pg);
  const blob = await pg.dump!();
  fs.writeFileSync(snapshot, Buffer.from(await blob.arrayBuffer()));
  await pg.close();
  provide('snapshot', snapshot);
  return () => fs.rmSync(snapshot, { force: true });
}

/** Migrates once per run into a PostgreSQL template database that every test file copies. */
export async function setupPostgres() {
  const url = process.env.TEST_DATABASE_URL!;
  const admin = await openPostgres(url, { max: 1 });
  await admin.exec(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${PG_TEMPLATE}`);
  await admin.close();
  const tpl = await openPostgres(withDatabase(url, PG_TEMPLATE), { max: 1 });
  await migrate(tpl);
  await tpl.close();
  return async () => {
    const a = await openPostgres(url, { max: 1 });
    await a.exec(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
    await a.close();
  };
}
