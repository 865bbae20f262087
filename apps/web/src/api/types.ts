import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Responses<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R } ? R : never;

/** The JSON body of the success response (200, else 201) of an operation, from the generated schema. */
export type Ok<P extends keyof paths, M extends Method = 'get'> =
  Responses<P, M> extends { 200: infer R } ? JsonOf<R> : Responses<P, M> extends { 201: infer R } ? JsonOf<R> : never;

/** The JSON request body of an operation. */
export type BodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends { requestBody?: infer B }
  ? JsonOf<NonNullable<B>>
  : never;

type Row<T> = T extends { rows: (infer R)[] } ? R : never;

export type Me = Ok<'/api/v1/me'>;
export type Stage = Me['stage'];
export type SystemInfo = Ok<'/api/v1/system/info'>;
export type RegionNode = Row<Ok<'/api/v1/regions/{code}/children'>>;
export type RegionDetail = Ok<'/api/v1/regions/{code}'>;
export type RegionHit = Row<Ok<'/api/v1/regions'>>;
export type User = Row<Ok<'/api/v1/users'>>;
export type Role = Row<Ok<'/api/v1/roles'>>;
export type DictType = Row<Ok<'/api/v1/dict-types'>>;
export type DictItem = Row<Ok<'/api/v1/dict-types/{code}/items'>>;
export type DictEntry = Row<Ok<'/api/v1/dicts/{code}'>>;
export type Param = Row<Ok<'/api/v1/params'>>;
export type AuditLog = Row<Ok<'/api/v1/audit-logs'>>;
export type AuditVerify = Ok<'/api/v1/audit-logs/verify'>;
export type LoginLog = Row<Ok<'/api/v1/login-logs'>>;
export type OnlineSession = Row<Ok<'/api/v1/online-sessions'>>;
export type Station = Row<Ok<'/api/v1/stations'>>;
export type StationDetail = Ok<'/api/v1/stations/{id}'>;
export type StationStatus = Station['status'];
export type StationHistoryEntry = StationDetail['history'][number];
export type Organization = Row<Ok<'/api/v1/organizations'>>;
export type Coverage = Ok<'/api/v1/coverage/{regionCode}'>;
export type CoverageChild = Coverage['children'][number];
export type CoverageDeadline = Row<Ok<'/api/v1/coverage-deadlines'>>;
export type Pairing = Row<Ok<'/api/v1/pairings'>>;
