import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, create, unwrap } from '../../../api/client';
import type { BodyOf, Station } from '../../../api/types';
import type { PageParams } from '../../../hooks/useListQuery';

export const STATIONS_KEY = 'stations';

export interface StationFilters {
  q?: string;
  kind?: Station['kind'];
  status?: Station['status'];
  service?: string;
  regionCode?: string;
  organizationId?: string;
  /** A checkbox in the search row: only confirmed coordinates that look wrong. */
  needsReview?: boolean;
}

export const fetchStations = ({ needsReview, ...query }: StationFilters & PageParams) =>
  unwrap(
    api.GET('/api/v1/stations', {
      params: { query: { ...query, ...(needsReview ? { needsReview: 'true' as const } : {}) } },
    }),
  );
export const fetchStation = (id: string) => unwrap(api.GET('/api/v1/stations/{id}', { params: { path: { id } } }));

export type StationCreateBody = BodyOf<'/api/v1/stations', 'post'>;
export type StationUpdateBody = BodyOf<'/api/v1/stations/{id}', 'put'>;
export type StationStatusBody = BodyOf<'/api/v1/stations/{id}/status', 'post'>;

/** The station mutations; each refreshes the lists (and the coverage, which counts operating stations). */
export function useStationMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    queryClient.invalidateQueries({ queryKey: [STATIONS_KEY] });
    queryClient.invalidateQueries({ queryKey: ['coverage'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: StationCreateBody) => create((init) => api.POST('/api/v1/stations', { body, ...init })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: StationUpdateBody & { id: string }) =>
        unwrap(api.PUT('/api/v1/stations/{id}', { params: { path: { id } }, body })),
      onSuccess,
    }),
    changeStatus: useMutation({
      mutationFn: ({ id, ...body }: StationStatusBody & { id: string }) =>
        unwrap(api.POST('/api/v1/stations/{id}/status', { params: { path: { id } }, body })),
      onSuccess,
    }),
  };
}

/** The server's rules that a user may override: confirm an unusual point, or give a reason for a second town station. */
export const CONFIRMABLE_COORDS = ['validation.station.coordFar', 'validation.station.coordOutsideChina'];
export const TOWN_TAKEN = 'validation.station.townTaken';
