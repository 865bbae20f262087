import type { App } from '../../platform/http.ts';
import { examRoutes } from './exams.routes.ts';
import { trainingRoutes } from './trainings.routes.ts';
import { trainingListRoutes } from './trainings.list.routes.ts';
import { supervisionRoutes } from './supervision.routes.ts';
import { positionRoutes } from './positions.routes.ts';
import { qualificationRoutes } from './qualifications.routes.ts';
import { rosterRoutes } from './roster.routes.ts';
import { workerRoutes } from './workers.routes.ts';
import { statsRoutes } from './stats.routes.ts';
import { targetRoutes } from './targets.routes.ts';

/** The talent pipeline's routes (人才队伍), one file per use case. */
export async function talentRoutes(app: App) {
  await workerRoutes(app);
  await rosterRoutes(app);
  await qualificationRoutes(app);
  await examRoutes(app);
  await trainingRoutes(app);
  await trainingListRoutes(app);
  await supervisionRoutes(app);
  await positionRoutes(app);
  await targetRoutes(app);
  await statsRoutes(app);
}
