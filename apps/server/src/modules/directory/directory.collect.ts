import { AppError, type FieldError } from '../../platform/errors.ts';
import type { Paths } from './directory.parse.ts';
import type { HsdsArray } from './directory.schema.ts';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}
export type ImportReport = Record<HsdsArray, Counts>;

/** What one record's checks need to turn a rule's field error into a path in the document. */
export interface RecordRef {
  root: string;
  paths: Paths;
}

/**
 * Runs one record's checks, turning the rules' errors (field names such as `regionCode`) into
 * JSON pointers into the document, so every record's problems are listed, not only the first.
 */
export async function collecting(errors: FieldError[], ref: RecordRef, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const list = err.errors?.length
      ? err.errors
      : [{ path: '', message: 'validation.hsds.rejected', params: { code: err.code } }];
    for (const e of list)
      errors.push({ ...e, path: ref.paths[e.path] ?? (e.path.startsWith('/') ? e.path : ref.root) });
  }
}

export const outOfScope = (path: string): FieldError => ({ path, message: 'validation.hsds.outOfScope' });
