import { ERROR_STATUS, type ErrorCode } from '@lianxin/shared';

export interface FieldError {
  path: string;
  /** An i18n key (validation.*) or a plain message. */
  message: string;
  params?: Record<string, unknown>;
}

/** The one error class: a stable code, an optional detail, field errors, and extra members. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly params?: Record<string, unknown>;
  readonly extra?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    opts: {
      detail?: string;
      errors?: FieldError[];
      params?: Record<string, unknown>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(opts.detail ?? code);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.errors = opts.errors;
    this.params = opts.params;
    this.extra = opts.extra;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = (detail?: string) => new AppError('FORBIDDEN', { detail });

export function validationError(path: string, message: string, params?: Record<string, unknown>): AppError {
  return new AppError('VALIDATION', { errors: [{ path, message, params }] });
}

/**
 * Optimistic locking: an edit names the version it read. Without one it answers 428; with a stale
 * one 409 and the current record, so the form can show what changed.
 */
export async function assertVersion(stored: number, sent: number | undefined, current: () => unknown): Promise<void> {
  if (sent === undefined) throw new AppError('PRECONDITION_REQUIRED');
  if (stored !== sent) throw new AppError('VERSION_CONFLICT', { extra: { current: await current() } });
}
