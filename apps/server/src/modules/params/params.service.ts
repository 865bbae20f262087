import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { requirePermission } from '../../platform/access.ts';
import { PARAM_DEFS, type ParamKey } from './params.defaults.ts';
import { params } from './params.table.ts';

/** Parameters are read on every request (session timeouts); a short cache keeps that off the database. */
export class ParamsCache {
  private values = new Map<string, string>();
  private loadedAt = 0;
  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5000,
  ) {}

  /**
   * `db`: a caller inside a transaction passes it, so that a stale cache is refilled through that
   * transaction; on PGlite (one connection) a read on the outer handle would wait for it forever.
   */
  async get(key: ParamKey, db: Db = this.db): Promise<string> {
    if (Date.now() - this.loadedAt > this.ttlMs) {
      const rows = await db.select({ key: params.key, value: params.value }).from(params);
      this.values = new Map(rows.map((r) => [r.key, r.value]));
      this.loadedAt = Date.now();
    }
    return this.values.get(key) ?? PARAM_DEFS[key].value;
  }

  async int(key: ParamKey, db?: Db): Promise<number> {
    return Number(await this.get(key, db));
  }

  invalidate(): void {
    this.loadedAt = 0;
  }
}

export async function seedParams(db: Db): Promise<void> {
  const rows = Object.entries(PARAM_DEFS).map(([key, d]) => ({
    key,
    value: d.value,
    name: d.name,
    nameEn: d.nameEn,
    security: d.security,
    builtin: true,
  }));
  await db.insert(params).values(rows).onConflictDoNothing();
}

export function presentParam(r: typeof params.$inferSelect) {
  return {
    key: r.key,
    value: r.value,
    name: r.name,
    nameEn: r.nameEn,
    security: r.security,
    builtin: r.builtin,
    remark: r.remark,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listParams(db: Db) {
  return (await db.select().from(params).orderBy(params.key)).map(presentParam);
}

/** Security parameters belong to the security administrator, the rest to the system administrator. */
export async function updateParam(db: Db, ctx: Ctx, key: string, input: { value: string; version: number }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(params).where(eq(params.key, key)).for('update');
    if (!row) throw notFound();
    requirePermission(ctx.actor, row.security ? 'system:security:edit' : 'system:param:edit');
    if (row.version !== input.version)
      throw new AppError('VERSION_CONFLICT', { extra: { current: presentParam(row) } });
    const def = PARAM_DEFS[key as ParamKey];
    if (def && !def.schema.safeParse(input.value).success) throw validationError('value', 'validation.param.value');
    const [updated] = await tx
      .update(params)
      .set({ value: input.value, version: row.version + 1, updatedAt: ctx.now })
      .where(eq(params.key, key))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'param',
      entityIds: [key],
      fields: ['value'],
      detail: { from: row.value, to: input.value },
    });
    return presentParam(updated);
  });
}
