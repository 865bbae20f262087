import { api, unwrap } from '../../../api/client';
import type { PageParams } from '../../../hooks/useListQuery';

/** The ledger's query key; a change to any worker's trainings refreshes it (see useWorkerMutations). */
export const TRAININGS_KEY = 'trainings';

/** GET /api/v1/trainings's filters; the export takes the same. */
export interface TrainingFilters {
  regionCode?: string;
  workerName?: string;
  year?: number;
  provider?: string;
  course?: string;
  from?: string;
  to?: string;
}

export const fetchTrainingRecords = (query: TrainingFilters & PageParams) =>
  unwrap(api.GET('/api/v1/trainings', { params: { query } }));
