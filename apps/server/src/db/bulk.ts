import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** A column of a bulk insert: its SQL name and type (`text[]` columns are sent as array literals). */
export type BulkColumn = readonly [name: string, type: 'uuid' | 'text' | 'date' | 'smallint' | 'integer' | 'timestamptz' | 'jsonb' | 'text[]'];

const FIELD_SEP = '\x1f';
const NULL_MARK = '\x1e';

/** A PostgreSQL array literal of text values: `{"a","b"}`. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** One `insert … select … from unnest(…)` statement for these rows (see bulkInsert). */
function insertStatement(table: string, columns: readonly BulkColumn[], part: readonly unknown[][], ordered: boolean): SQL {
  if (!/^[a-z_]+$/.test(table) || columns.some(([n]) => !/^[a-z_]+$/.test(n))) throw new Error('bulkInsert: bad identifier');
  const arrays: SQL[] = columns.map(([, type], i) => {
    const values = part.map((r) => {
      const v = r[i];
      if (v === undefined || v === null) return null;
      if (type === 'text[]') return textArrayLiteral(v as string[]);
      if (type === 'jsonb') return JSON.stringify(v);
      if (v instanceof Date) return v.toISOString();
      return v;
    });
    // text[] columns arrive as literals (unnest would flatten a two-dimensional array) and are cast per row.
    const elementType = type === 'text[]' ? 'text' : type;
    const texts = values.map((x) => (x === null ? null : String(x)));
    // One delimited string per column is far cheaper to send than an array the driver escapes
    // element by element; a value holding either control character takes the array path.
    // (A lone empty string would come back as an empty array, so it too takes the array path.)
    if ((texts.length > 1 || texts[0] !== '') && texts.every((x) => x === null || (!x.includes(FIELD_SEP) && !x.includes(NULL_MARK)))) {
      const joined = texts.map((x) => (x === null ? NULL_MARK : x)).join(FIELD_SEP);
      return sql`string_to_array(${joined}::text, ${FIELD_SEP}, ${NULL_MARK})::${sql.raw(elementType)}[]`;
    }
    return sql`${sql.param(values)}::${sql.raw(elementType)}[]`;
  });
  const names = columns.map(([n]) => n);
  const select = columns.map(([n, type]) => (type === 'text[]' ? `${n}::text[]` : n)).join(', ');
  const order = ordered ? sql` order by ord` : sql``;
  return sql`insert into ${sql.raw(table)} (${sql.raw(names.join(', '))}) select ${sql.raw(select)} from unnest(${sql.join(arrays, sql`, `)}) with ordinality as u(${sql.raw(names.join(', '))}, ord)${order}`;
}

/**
 * Inserts many rows in one statement: each column travels as one array parameter and
 * `unnest` turns them back into rows. The parameter count stays at one per column however many
 * rows there are (a VALUES list is capped at 65,535 parameters), and the server parses one plan.
 * With `ordered`, rows go in in the order given, so a serial column numbers them in that order.
 */
export async function bulkInsert(db: Db, table: string, columns: readonly BulkColumn[], rows: readonly unknown[][], opts: { chunk?: number; ordered?: boolean } = {}): Promise<void> {
  const chunk = opts.chunk ?? 10_000;
  for (let start = 0; start < rows.length; start += chunk) {
    await db.execute(insertStatement(table, columns, rows.slice(start, start + chunk), opts.ordered ?? false));
  }
}

/**
 * Bulk inserts into several tables of one transaction, each chunk prepared (its `prepare` step,
 * e.g. encrypting) and built while the server inserts the chunk before: the two overlap instead
 * of taking turns. One statement is in flight at a time, as a connection allows. `done` waits for
 * the last and throws the first failure (the transaction is then aborted and rolls back whole).
 */
export class BulkPipeline {
  private inFlight: Promise<void> = Promise.resolve();
  constructor(private readonly db: Db) {}

  async insert(table: string, columns: readonly BulkColumn[], rows: unknown[][], opts: { chunk?: number; prepare?: (part: unknown[][]) => void } = {}): Promise<void> {
    const chunk = opts.chunk ?? 5000;
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk);
      opts.prepare?.(part);
      const statement = insertStatement(table, columns, part, false);
      await this.inFlight;
      // then() sends it now (a drizzle query runs when awaited, once per then).
      this.inFlight = this.db.execute(statement).then(() => undefined);
      // Awaited by the next chunk or done(); this only keeps a failure meanwhile from counting as unhandled.
      this.inFlight.catch(() => {});
    }
  }

  done(): Promise<void> {
    return this.inFlight;
  }
}
