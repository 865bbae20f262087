import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Ok } from '../../../api/types';

export type TalentSeries = Ok<'/api/v1/talent/series'>;
export type SeriesYear = TalentSeries['years'][number];
export type TalentSummary = Ok<'/api/v1/talent/summary'>;

export function useTalentSummary(region: string) {
  return useQuery({
    queryKey: ['talent', 'summary', region],
    queryFn: () => unwrap(api.GET('/api/v1/talent/summary', { params: { query: { region } } })),
    placeholderData: keepPreviousData,
  });
}

export function useTalentSeries(region: string, from: number, to: number) {
  return useQuery({
    queryKey: ['talent', 'series', region, from, to],
    queryFn: () => unwrap(api.GET('/api/v1/talent/series', { params: { query: { region, from, to } } })),
    placeholderData: keepPreviousData,
  });
}
