import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { auditExport } from '../../platform/excel/excel.import.ts';
import type { ExcelColumn } from '../../platform/excel/excel.columns.ts';
import { exportWorkbook, type SheetSpec } from '../../platform/excel/excel.workbook.ts';
import { ancestorCodes, regionNamesOf } from '../regions/regions.repo.ts';
import { listTrainingRecords, type TrainingFilter, type TrainingListRow } from './trainings.repo.ts';

/** An export is the whole ledger in scope under the list's filters; past this it should be filtered down. */
export const TRAINING_EXPORT_LIMIT = 50_000;

function presentRecord(r: TrainingListRow, regionNames: Map<string, string>) {
  return {
    id: r.id,
    course: r.course,
    provider: r.provider,
    providerOrganizationId: r.providerOrganizationId,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    hours: r.hours,
    credits: r.credits,
    certificateNo: r.certificateNo,
    note: r.note,
    version: r.version,
    worker: {
      id: r.workerId,
      name: r.workerName,
      regionCode: r.workerRegionCode,
      regionName: regionNames.get(r.workerRegionCode) ?? r.workerRegionCode,
    },
  };
}

/** 培训记录台账: the trainings of every worker in scope, the latest first, with who attended and where they work. */
export async function listTrainingsFor(db: Db, ctx: Ctx, filter: TrainingFilter) {
  const { rows, total } = await listTrainingRecords(db, ctx.actor.scopes, filter);
  const names = await regionNamesOf(
    db,
    rows.map((r) => r.workerRegionCode),
  );
  return { rows: rows.map((r) => presentRecord(r, names)), total };
}

const h = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

const COLUMNS: ExcelColumn[] = [
  { key: 'workerName', header: h('姓名', 'Name'), type: 'text', width: 12 },
  { key: 'workerRegionCode', header: h('工作地区划代码', 'Region code'), type: 'text', codeLike: true, width: 16 },
  { key: 'regionPath', header: h('工作地', 'Region'), type: 'text', width: 30 },
  { key: 'course', header: h('课程名称', 'Course'), type: 'text', width: 30 },
  { key: 'provider', header: h('培训机构', 'Provider'), type: 'text', width: 26 },
  { key: 'startedOn', header: h('开始日期', 'From'), type: 'date', width: 12 },
  { key: 'endedOn', header: h('结束日期', 'To'), type: 'date', width: 12 },
  { key: 'hours', header: h('学时', 'Hours'), type: 'decimal', width: 8 },
  { key: 'credits', header: h('学分', 'Credits'), type: 'decimal', width: 8 },
  { key: 'certificateNo', header: h('结业证书编号', 'Certificate no.'), type: 'text', codeLike: true, width: 20 },
  { key: 'note', header: h('备注', 'Note'), type: 'text', width: 24 },
];

/** The ledger's sheet: export only, so it has no notes for a template. */
export const trainingSheet: SheetSpec = {
  name: h('培训记录', 'Trainings'),
  columns: COLUMNS,
  notes: { 'zh-CN': [], 'en-US': [] },
};

export type TrainingExportFilter = Omit<TrainingFilter, 'page' | 'pageSize'>;

/** The ledger under the list's filters, all pages, as a workbook; audited with the count and the filters. */
export async function exportTrainings(db: Db, ctx: Ctx, filter: TrainingExportFilter) {
  const { rows } = await listTrainingRecords(db, ctx.actor.scopes, {
    ...filter,
    page: 1,
    pageSize: TRAINING_EXPORT_LIMIT,
  });
  const names = await regionNamesOf(
    db,
    rows.flatMap((r) => [...ancestorCodes(r.workerRegionCode), r.workerRegionCode]),
  );
  const path = (code: string) =>
    [...ancestorCodes(code), code]
      .map((c) => names.get(c))
      .filter(Boolean)
      .join('/');
  const out = rows.map((r) => ({
    ...r,
    regionPath: path(r.workerRegionCode),
    certificateNo: r.certificateNo || null,
    note: r.note || null,
    provider: r.provider || null,
  }));
  await auditExport(db, ctx, 'training', rows.length, { ...filter });
  return exportWorkbook(trainingSheet, out, ctx.locale);
}
