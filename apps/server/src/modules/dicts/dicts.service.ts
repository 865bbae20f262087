import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containsPattern } from '../../db/sql.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { dictItems, dictTypes } from './dicts.table.ts';

type TypeRow = typeof dictTypes.$inferSelect;
type ItemRow = typeof dictItems.$inferSelect;

const presentType = (r: TypeRow) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  builtin: r.builtin,
  enabled: r.enabled,
  remark: r.remark,
  version: r.version,
});
const presentItem = (r: ItemRow) => ({
  id: r.id,
  typeCode: r.typeCode,
  value: r.value,
  label: r.label,
  labelEn: r.labelEn,
  color: r.color,
  sort: r.sort,
  enabled: r.enabled,
  remark: r.remark,
  version: r.version,
});

const duplicate = (path: string) =>
  new AppError('DUPLICATE', { errors: [{ path, message: 'validation.dict.duplicate' }] });

export async function listDictTypes(db: Db, f: { page: number; pageSize: number; q?: string }) {
  const where = f.q
    ? (or(ilike(dictTypes.code, containsPattern(f.q)), ilike(dictTypes.name, containsPattern(f.q))) as SQL)
    : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(dictTypes)
      .where(where)
      .orderBy(asc(dictTypes.code))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(dictTypes).where(where),
  ]);
  return { rows: rows.map(presentType), total };
}

export interface DictTypeInput {
  name: string;
  nameEn?: string;
  enabled?: boolean;
  remark?: string;
}

export async function createDictType(db: Db, ctx: Ctx, input: DictTypeInput & { code: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dictTypes)
      .values({ ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw duplicate('code');
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'dict_type',
      entityIds: [row.id],
      fields: Object.keys(input),
      detail: { code: row.code },
    });
    return presentType(row);
  });
}

export async function updateDictType(db: Db, ctx: Ctx, id: string, input: DictTypeInput & { version?: number }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(dictTypes).where(eq(dictTypes.id, id)).for('update');
    if (!row) throw notFound();
    await assertVersion(row.version, input.version, () => presentType(row));
    const { version: _v, ...changes } = input;
    const [updated] = await tx
      .update(dictTypes)
      .set({ ...changes, updatedAt: ctx.now, version: row.version + 1 })
      .where(eq(dictTypes.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'dict_type',
      entityIds: [id],
      fields: Object.keys(changes),
      detail: { code: row.code },
    });
    return presentType(updated);
  });
}

export async function deleteDictType(db: Db, ctx: Ctx, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(dictTypes).where(eq(dictTypes.id, id)).for('update');
    if (!row) throw notFound();
    if (row.builtin) throw new AppError('CONFLICT', { errors: [{ path: 'code', message: 'validation.dict.builtin' }] });
    await tx.delete(dictTypes).where(eq(dictTypes.id, id));
    await writeAudit(tx, ctx, { action: 'delete', entity: 'dict_type', entityIds: [id], detail: { code: row.code } });
  });
}

export async function listDictItems(db: Db, typeCode: string, onlyEnabled = false) {
  const [type] = await db
    .select({ id: dictTypes.id, enabled: dictTypes.enabled })
    .from(dictTypes)
    .where(eq(dictTypes.code, typeCode));
  if (!type) throw notFound();
  const conds: SQL[] = [eq(dictItems.typeCode, typeCode)];
  if (onlyEnabled) conds.push(eq(dictItems.enabled, true));
  const rows = await db
    .select()
    .from(dictItems)
    .where(and(...conds))
    .orderBy(asc(dictItems.sort), asc(dictItems.value));
  return { rows: onlyEnabled && !type.enabled ? [] : rows.map(presentItem) };
}

export interface DictItemInput {
  label: string;
  labelEn?: string;
  color?: string;
  sort?: number;
  enabled?: boolean;
  remark?: string;
}

export async function createDictItem(db: Db, ctx: Ctx, input: DictItemInput & { typeCode: string; value: string }) {
  return db.transaction(async (tx) => {
    const [type] = await tx.select({ id: dictTypes.id }).from(dictTypes).where(eq(dictTypes.code, input.typeCode));
    if (!type)
      throw new AppError('VALIDATION', { errors: [{ path: 'typeCode', message: 'validation.dict.unknownType' }] });
    const [row] = await tx
      .insert(dictItems)
      .values({ ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw duplicate('value');
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'dict_item',
      entityIds: [row.id],
      fields: Object.keys(input),
      detail: { typeCode: row.typeCode, value: row.value },
    });
    return presentItem(row);
  });
}

export async function updateDictItem(db: Db, ctx: Ctx, id: string, input: DictItemInput & { version?: number }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(dictItems).where(eq(dictItems.id, id)).for('update');
    if (!row) throw notFound();
    await assertVersion(row.version, input.version, () => presentItem(row));
    const { version: _v, ...changes } = input;
    const [updated] = await tx
      .update(dictItems)
      .set({ ...changes, updatedAt: ctx.now, version: row.version + 1 })
      .where(eq(dictItems.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'dict_item',
      entityIds: [id],
      fields: Object.keys(changes),
      detail: { typeCode: row.typeCode, value: row.value },
    });
    return presentItem(updated);
  });
}

export async function deleteDictItem(db: Db, ctx: Ctx, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(dictItems).where(eq(dictItems.id, id)).for('update');
    if (!row) throw notFound();
    await tx.delete(dictItems).where(eq(dictItems.id, id));
    await writeAudit(tx, ctx, {
      action: 'delete',
      entity: 'dict_item',
      entityIds: [id],
      detail: { typeCode: row.typeCode, value: row.value },
    });
  });
}

/**
 * Records that store dictionary values (a station's services) accept only enabled values of the
 * dictionary; the first unknown one is reported at its index (`services.2`).
 */
export async function assertDictValues(
  db: Db,
  typeCode: string,
  values: readonly string[],
  path: string,
  message: string,
): Promise<void> {
  if (values.length === 0) return;
  const rows = await db
    .select({ value: dictItems.value })
    .from(dictItems)
    .where(and(eq(dictItems.typeCode, typeCode), eq(dictItems.enabled, true), inArray(dictItems.value, [...values])));
  const known = new Set(rows.map((r) => r.value));
  const bad = values.findIndex((v) => !known.has(v));
  if (bad >= 0) throw validationError(`${path}.${bad}`, message);
}

/** Labels of a dictionary's values, for presenters that show them beside the codes. */
export async function dictLabels(
  db: Db,
  typeCode: string,
  onlyEnabled = false,
): Promise<Map<string, { label: string; labelEn: string }>> {
  const rows = await db
    .select()
    .from(dictItems)
    .where(and(eq(dictItems.typeCode, typeCode), onlyEnabled ? eq(dictItems.enabled, true) : undefined))
    .orderBy(asc(dictItems.sort), asc(dictItems.value));
  return new Map(rows.map((r) => [r.value, { label: r.label, labelEn: r.labelEn }]));
}
