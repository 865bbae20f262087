import type { Ok } from '../../api/types';

type Row<T> = T extends { rows: (infer R)[] } ? R : never;

export type Worker = Row<Ok<'/api/v1/workers'>>;
export type WorkerDetail = Ok<'/api/v1/workers/{id}'>;
export type Qualifications = Ok<'/api/v1/workers/{id}/qualifications'>;
export type Certificate = Qualifications['certificates'][number];
export type Honor = Qualifications['honors'][number];
export type Level = Certificate['level'];
export type ExamRegistration = Row<Ok<'/api/v1/exam-registrations'>>;
export type Trainings = Ok<'/api/v1/workers/{id}/trainings'>;
export type Training = Trainings['rows'][number];
export type TrainingRecord = Row<Ok<'/api/v1/trainings'>>;
export type SupervisionSession = Row<Ok<'/api/v1/supervision-sessions'>>;
export type Position = Row<Ok<'/api/v1/positions'>>;
export type PositionDetail = Ok<'/api/v1/positions/{id}'>;

/** The subjects each level sits (社会工作者职业水平考试), as the server checks them. */
export const EXAM_SUBJECTS: Record<Level, string[]> = {
  assistant: ['comprehensive', 'practice'],
  intermediate: ['comprehensive', 'practice', 'regulations'],
  senior: ['practice'],
};
