import type { FormInstance } from 'antd';
import i18n from '../i18n';
import { feedback } from '../utils/feedback';
import { ApiError } from './client';
import type { Problem } from './problem-body';

export type { Problem };

/** The problem body of a failed call, or a generic one for network failures and bugs. */
export function problemOf(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem;
  return { code: 'NETWORK', title: i18n.t('error.network'), status: 0 };
}

/** Shows the problem's title as a message toast. */
export function showProblem(err: unknown) {
  const problem = problemOf(err);
  feedback.message.error(problem.title);
}

type NamePath = (string | number)[];

function toNamePath(path: string): NamePath {
  return path
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Marks the form fields named by `errors[].path` (`phone`, `scopes.0`). A path below a field
 * that is one control (a multi-select) marks that control. Returns whether any field was marked.
 */
export function markFormErrors(form: FormInstance, problem: Problem): boolean {
  if (!problem.errors?.length) return false;
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const e of problem.errors) {
    let name = toNamePath(e.path);
    while (name.length > 1 && !known.has(JSON.stringify(name))) name = name.slice(0, -1);
    if (!known.has(JSON.stringify(name))) continue;
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return byField.size > 0;
}

export interface ProblemHandlers {
  /** The form whose fields should show validation errors. */
  form?: FormInstance;
  /** Called on 409 VERSION_CONFLICT after telling the user; reload the record here. */
  onConflict?: (current: unknown) => void;
}

/** The one way a failed change is reported: conflicts reload, validation marks fields, the rest toasts. */
export function handleProblem(err: unknown, { form, onConflict }: ProblemHandlers = {}) {
  const problem = problemOf(err);
  if (problem.code === 'VERSION_CONFLICT') {
    feedback.modal.warning({ title: problem.title, content: i18n.t('common.versionConflict') });
    onConflict?.(problem.current);
    return;
  }
  if (form) markFormErrors(form, problem);
  feedback.message.error(problem.title);
}
