import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';

/**
 * The template database of a run, named after the run's own database (TEST_DATABASE_URL): two runs
 * on one server, each with its own database, never drop each other's template.
 */
export function pgTemplate(url = process.env.TEST_DATABASE_URL!): string {
  const own =
    decodeURIComponent(new URL(url).pathname.slice(1))
      .replace(/[^a-z0-9_]/gi, '_')
      .toLowerCase() || 'postgres';
  return `${own.slice(0, 40)}_template`;
}

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
  const template = pgTemplate(url);
  const admin = await openPostgres(url, { max: 1 });
  await admin.exec(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${template}`);
  await admin.close();
  const tpl = await openPostgres(withDatabase(url, template), { max: 1 });
  await migrate(tpl);
  await tpl.close();
  return async () => {
    const a = await openPostgres(url, { max: 1 });
    await a.exec(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await a.close();
  };
}
