import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** A column of a bulk insert: its SQL name and type (`text[]` columns are sent as array literals). */
export type BulkColumn = readonly [
  name: string,
  type: 'uuid' | 'text' | 'date' | 'smallint' | 'integer' | 'timestamptz' | 'jsonb' | 'text[]',
];

const FIELD_SEP = '\x1f';
const NULL_MARK = '\x1e';

/** A PostgreSQL array literal of text values: `{"a","b"}`. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** One `insert … select … from unnest(…)` statement for these rows (see bulkInsert). */
function insertStatement(
  table: string,
  columns: readonly BulkColumn[],
  part: readonly unknown[][],
  ordered: boolean,
): SQL {
  if (!/^[a-z_]+$/.test(table) || columns.some(([n]) => !/^[a-z_]+$/.test(n)))
    throw new Error('bulkInsert: bad identifier');
  const arrays: SQL[] = columns.map(([, type], i) => {
    // text[] columns arrive as literals (unnest would flatten a two-dimensional array) and are cast per row.
    const elementType = type === 'text[]' ? 'text' : type;
    // One pass per column: each value as text, and whether the column can travel as one delimited
    // string, which is far cheaper to send than an array the driver escapes element by element. A
    // value holding either control character takes the array path (as does a lone empty string,
    // which would come back as an empty array).
    const texts: (string | null)[] = new Array(part.length);
    let delimited = part.length > 0;
    // A Date met again (every row's created_at) is formatted once.
    let lastDate: Date | null = null;
    let lastIso = '';
    for (let r = 0; r < part.length; r++) {
      const v = part[r][i];
      let x: string | null;
      if (v === undefined || v === null) x = null;
      else if (type === 'text[]') x = textArrayLiteral(v as string[]);
      else if (type === 'jsonb') x = JSON.stringify(v);
      else if (typeof v === 'string') x = v;
      else if (v instanceof Date) {
        if (v !== lastDate) {
          lastDate = v;
          lastIso = v.toISOString();
        }
        x = lastIso;
      } else x = String(v);
      texts[r] = x;
      if (delimited && x !== null && (x.includes(FIELD_SEP) || x.includes(NULL_MARK))) delimited = false;
    }
    if (part.length === 1 && texts[0] === '') delimited = false;
    if (delimited) {
      for (let r = 0; r < texts.length; r++) texts[r] ??= NULL_MARK;
      const joined = texts.join(FIELD_SEP);
      return sql`string_to_array(${joined}::text, ${FIELD_SEP}, ${NULL_MARK})::${sql.raw(elementType)}[]`;
    }
    return sql`${sql.param(texts)}::${sql.raw(elementType)}[]`;
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
export async function bulkInsert(
  db: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
  opts: { chunk?: number; ordered?: boolean } = {},
): Promise<void> {
  const chunk = opts.chunk ?? 10_000;
  for (let start = 0; start < rows.length; start += chunk) {
    await db.execute(insertStatement(table, columns, rows.slice(start, start + chunk), opts.ordered ?? false));
  }
}

/** Rows for one table of a BulkPipeline statement. */
export interface BulkPart {
  table: string;
  columns: readonly BulkColumn[];
  rows: unknown[][];
}

/**
 * One statement inserting into several tables: each table's insert is a data-modifying CTE of the
 * next. Foreign keys are checked at the statement's end, so a part may reference rows of another.
 */
function insertAllStatement(parts: readonly BulkPart[]): SQL {
  const [last, ...before] = [...parts].reverse();
  const statement = insertStatement(last.table, last.columns, last.rows, false);
  if (before.length === 0) return statement;
  const ctes = before
    .reverse()
    .map((p, i) => sql`${sql.raw(`p${i}`)} as (${insertStatement(p.table, p.columns, p.rows, false)})`);
  return sql`with ${sql.join(ctes, sql`, `)} ${statement}`;
}

/**
 * Bulk inserts into the tables of one transaction, queued: `insert` prepares its rows (its
 * `prepare` step, e.g. encrypting) and queues them as one statement behind the ones before, then
 * returns, so the caller reads and checks the next rows while the server inserts these. One
 * statement for all the tables of a batch keeps the server working without waiting for this thread
 * between them. Statements run one at a time and in order, as a connection allows; at most `depth`
 * wait in the queue (the caller waits past that). After a failure nothing more is sent: `settled`
 * throws the first failure, and the transaction is then rolled back whole.
 */
export class BulkPipeline {
  private last: Promise<void> = Promise.resolve();
  private readonly queued: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;
  constructor(
    private readonly db: Db,
    private readonly depth = 4,
  ) {}

  /**
   * `prepare` may finish later (encryption on a worker thread): it starts now, and the statement
   * is built and sent once it is done and the statements before have run. The caller bounds the
   * rows (one parameter per column, however many rows).
   */
  async insert(parts: readonly BulkPart[], opts: { prepare?: () => void | Promise<void> } = {}): Promise<void> {
    const filled = parts.filter((p) => p.rows.length > 0);
    if (filled.length === 0) return;
    const prepared = opts.prepare?.();
    while (this.queued.length >= this.depth) await this.queued.shift();
    // A failure is kept, never thrown here; then() sends the statement (a drizzle query runs when awaited).
    const run = this.last
      .then(() => prepared)
      .then(() => (this.failure ? undefined : this.db.execute(insertAllStatement(filled))))
      .then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      );
    this.last = run;
    this.queued.push(run);
  }

  /** Waits for every queued statement; throws the first failure. The caller's own queries go after this. */
  async settled(): Promise<void> {
    await this.last;
    this.queued.length = 0;
    if (this.failure) throw this.failure.error;
  }

  /** The first failure of a queued statement, if any. */
  failed(): unknown {
    return this.failure?.error;
  }
}
