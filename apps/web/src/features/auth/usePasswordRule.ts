import { checkPasswordPolicy } from '@lianxin/shared';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';

/** The 等保 password policy as a form rule: ≥ 8 characters, 3 of 4 character classes. */
export function usePasswordRule(): FormRule {
  const { t } = useTranslation();
  return {
    validator: (_, value: string | undefined) => {
      if (!value) return Promise.resolve();
      const fault = checkPasswordPolicy(value);
      if (fault === 'length') return Promise.reject(new Error(t('password.policyLength')));
      if (fault === 'classes') return Promise.reject(new Error(t('password.policyClasses')));
      return Promise.resolve();
    },
  };
}
