import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';

/**
 * Inserts many rows as one JSON parameter per slice (`jsonb_populate_recordset` against the
 * table's own row type): thousands of rows per statement without thousands of bound parameters,
 * which keeps the demo's first start on PGlite fast. Columns a row leaves out take their
 * defaults (the table's, or the schema's $defaultFn); every row of one call names the same columns.
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
  size = 5000,
): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table) as Record<string, { name: string; defaultFn?: () => unknown }>;
  const given = Object.keys(rows[0] as object).filter((k) => columns[k]);
  // Defaults computed in JavaScript ($defaultFn, such as the ids) are not the database's to fill in.
  const generated = Object.keys(columns).filter((k) => !given.includes(k) && columns[k].defaultFn);
  const keys = [...given, ...generated];
  const names = sql.join(
    keys.map((k) => sql.identifier(columns[k].name)),
    sql`, `,
  );
  const target = sql.identifier(getTableName(table));
  for (let i = 0; i < rows.length; i += size) {
    const json = rows.slice(i, i + size).map((r) => {
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const v = generated.includes(k) ? columns[k].defaultFn!() : (r as Record<string, unknown>)[k];
        out[columns[k].name] = v instanceof Date ? v.toISOString() : (v ?? null);
      }
      return out;
    });
    const query: SQL = sql`insert into ${target} (${names}) select ${names} from jsonb_populate_recordset(null::${target}, ${JSON.stringify(json)}::jsonb)`;
    await db.execute(query);
  }
}
