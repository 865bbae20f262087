import { validationMessages } from '@lianxin/shared';
import { currentLanguage } from '../i18n';

interface Issue {
  message: string;
  params?: Record<string, unknown>;
}
interface SharedSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly Issue[] } };
}

/** The text of a shared validator's message key (`validation.uscc.checksum`), with the character position filled in. */
export function sharedMessage(issue: Issue): string {
  const text = validationMessages[currentLanguage()][issue.message] ?? issue.message;
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(issue.params?.[k] ?? ''));
}

/**
 * An antd form rule from a validator of `@lianxin/shared` (zUscc, zPhone, …): the same check and
 * the same words as the server, before the form is sent. Empty values pass (use `required`).
 */
export function sharedRule(schema: SharedSchema) {
  return {
    validator: (_: unknown, value?: string | null) => {
      if (value === undefined || value === null || value.trim() === '') return Promise.resolve();
      const result = schema.safeParse(value);
      return result.success
        ? Promise.resolve()
        : Promise.reject(new Error(sharedMessage(result.error.issues[0] ?? { message: '' })));
    },
  };
}
