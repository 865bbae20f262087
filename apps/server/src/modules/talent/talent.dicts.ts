import type { Db } from '../../db/client.ts';
import { AppError, validationError } from '../../platform/errors.ts';
import { assertDictValues } from '../dicts/dicts.service.ts';

/** One value of a dictionary (an enabled item), refused at `path` itself rather than at `path.0`. */
export async function assertDictValue(
  db: Db,
  typeCode: string,
  value: string,
  path: string,
  message: string,
): Promise<void> {
  try {
    await assertDictValues(db, typeCode, [value], path, message);
  } catch (err) {
    if (err instanceof AppError) throw validationError(path, message);
    throw err;
  }
}
