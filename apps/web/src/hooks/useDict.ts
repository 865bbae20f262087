import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { DictEntry } from '../api/types';

export const dictKey = (code: string) => ['dict', code] as const;

export interface DictOption extends DictEntry {
  /** The label in the current language. */
  text: string;
}

/** A dictionary's enabled items, cached; labels follow the UI language. */
export function useDict(code: string) {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: dictKey(code),
    queryFn: async () => (await unwrap(api.GET('/api/v1/dicts/{code}', { params: { path: { code } } }))).rows,
    staleTime: 5 * 60_000,
  });
  const english = i18n.language === 'en-US';
  return useMemo(() => {
    const items: DictOption[] = (query.data ?? []).map((r) => ({
      ...r,
      text: english ? r.labelEn || r.label : r.label,
    }));
    return {
      items,
      loading: query.isLoading,
      options: items.map((i) => ({ value: i.value, label: i.text })),
      find: (value: string | null | undefined) => items.find((i) => i.value === value),
    };
  }, [query.data, query.isLoading, english]);
}
