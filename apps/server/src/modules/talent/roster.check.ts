import { validateIdCard } from '@lianxin/shared';
import { inScope } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { translate } from '../../platform/i18n.ts';
import type { ParsedRow, RowError, SheetSpec } from '../../platform/excel/excel.workbook.ts';
import { normalCertificateNo } from './qualifications.service.ts';
import { certKeys, FIRST_EXAM_YEAR } from './roster.sheet.ts';
import { type Level, LEVELS } from './talent.rules.ts';
import { normalIdNumber } from './workers.service.ts';

/** One level's certificate as a row gives it. */
export interface RowCertificate {
  level: Level;
  certificateNo: string;
  obtainedOn: string;
  examYear: number | null;
}

/** A roster row after the checks that need no database: the person's stored form. */
export interface RosterRow {
  row: number;
  v: Record<string, unknown>;
  idNumber: string;
  hash: string;
  /** Sex and birth date read from a resident ID number, when it carries them. */
  idSex: string | null;
  idBirthDate: string | null;
  certificates: RowCertificate[];
}

/** Collects row errors as `第N行 [列名]: 原因`, the column named by its key. */
export class RowErrors {
  readonly list: RowError[] = [];
  readonly rows = new Set<number>();
  constructor(
    private readonly ctx: Ctx,
    private readonly spec: SheetSpec,
  ) {}
  add(row: number, key: string, message: string, params?: Record<string, unknown>) {
    const column = this.spec.columns.find((c) => c.key === key)?.header[this.ctx.locale] ?? '';
    this.list.push({ row, column, message: translate(this.ctx.locale, message, params) });
    this.rows.add(row);
  }
}

/** The people and certificate numbers met so far in the file, by the row they were first on. */
export interface RosterSeen {
  people: Map<string, number>;
  numbers: Map<string, number>;
}

export const rosterSeen = (): RosterSeen => ({ people: new Map(), numbers: new Map() });

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The rules one row can be judged on alone, plus the two that look across the file: a person
 * twice (by the ID number's keyed hash, so a 15-digit and an 18-digit form are one person) and a
 * certificate number twice. A cell that failed to parse is absent from `v` and its rules are skipped.
 * `seen` carries what earlier batches of the same file held.
 */
export function checkRows(
  ctx: Ctx,
  pii: PiiCipher,
  rows: readonly ParsedRow[],
  today: string,
  errors: RowErrors,
  seen: RosterSeen = rosterSeen(),
): RosterRow[] {
  const out: RosterRow[] = [];
  const { people: personAt, numbers: numberAt } = seen;
  for (const { row, values: v } of rows) {
    const id = text(v.idNumber);
    const parsed = id ? validateIdCard(id, today) : null;
    let hash = '';
    let idNumber = '';
    let idSex: string | null = null;
    let idBirthDate: string | null = null;
    if (parsed?.ok) {
      idNumber = normalIdNumber(parsed.value);
      hash = pii.hash(idNumber);
      const first = personAt.get(hash);
      if (first !== undefined) errors.add(row, 'idNumber', 'validation.excel.duplicateRow', { row: first });
      else personAt.set(hash, row);
      if (parsed.kind !== 'permanent_residence') {
        idSex = String(parsed.sex);
        idBirthDate = parsed.birthDate;
      }
    }
    const birthDate = text(v.birthDate) ?? idBirthDate;
    if (idBirthDate && text(v.birthDate) && v.birthDate !== idBirthDate)
      errors.add(row, 'birthDate', 'validation.worker.birthDateMismatch', { date: idBirthDate });
    if (birthDate && birthDate > today) errors.add(row, 'birthDate', 'validation.talent.future');
    if (idSex && (v.sex === '1' || v.sex === '2') && v.sex !== idSex)
      errors.add(row, 'sex', 'validation.worker.sexMismatch');
    const region = text(v.regionCode);
    if (region && !inScope(region, ctx.actor.scopes)) errors.add(row, 'regionCode', 'validation.scope.outside');
    const joinedOn = text(v.joinedOn);
    if (joinedOn && joinedOn > today) errors.add(row, 'joinedOn', 'validation.talent.future');
    else if (joinedOn && birthDate && joinedOn < birthDate)
      errors.add(row, 'joinedOn', 'validation.roster.beforeBirth');
    const stationFrom = text(v.stationFrom);
    if (stationFrom && v.stationName === null) errors.add(row, 'stationFrom', 'validation.roster.stationFromAlone');
    if (stationFrom && stationFrom > today) errors.add(row, 'stationFrom', 'validation.talent.future');
    else if (stationFrom && joinedOn && stationFrom < joinedOn)
      errors.add(row, 'stationFrom', 'validation.roster.stationBeforeJoined');

    const certificates: RowCertificate[] = [];
    for (const level of LEVELS) {
      const k = certKeys(level);
      // undefined: the cell was there and wrong (already reported); null: empty.
      if (v[k.no] === null && v[k.on] === null && v[k.year] === null) continue;
      const no = normalCertificateNo(text(v[k.no]));
      const on = text(v[k.on]);
      const year = typeof v[k.year] === 'number' ? (v[k.year] as number) : null;
      if (v[k.no] === null) errors.add(row, k.no, 'validation.roster.certificateNoRequired');
      if (v[k.on] === null) errors.add(row, k.on, 'validation.roster.obtainedOnRequired');
      if (on && on > today) errors.add(row, k.on, 'validation.talent.future');
      else if (on && year !== null && Number(on.slice(0, 4)) < year)
        errors.add(row, k.on, 'validation.qualification.beforeExam', { year });
      else if (on && Number(on.slice(0, 4)) < FIRST_EXAM_YEAR)
        errors.add(row, k.on, 'validation.roster.beforeFirstExam', { year: FIRST_EXAM_YEAR });
      else if (on && birthDate && on < birthDate) errors.add(row, k.on, 'validation.roster.beforeBirth');
      // A number met on an earlier row is that row's: reported here, and not looked at again.
      const earlier = no ? numberAt.get(no) : undefined;
      if (earlier !== undefined) errors.add(row, k.no, 'validation.roster.certificateInFile', { row: earlier });
      else if (no) numberAt.set(no, row);
      if (no && on && v[k.year] !== undefined && earlier === undefined)
        certificates.push({ level, certificateNo: no, obtainedOn: on, examYear: year });
    }
    out.push({ row, v, idNumber, hash, idSex, idBirthDate, certificates });
  }
  return out;
}
