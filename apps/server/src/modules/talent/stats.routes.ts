import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { type App, zDay } from '../../platform/http.ts';
import { listHoursShort, listRenewalsDue, listUnqualifiedResidents } from './compliance.service.ts';
import { talentSeries, talentSummary } from './stats.service.ts';
import { CATEGORIES, LEVELS } from './talent.rules.ts';

const zRegionQuery = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/, 'validation.region.unknown')
  .optional()
  .describe("a region in scope ('' = the whole country); the caller's own by default");
const zRegionRef = z.object({ code: z.string(), name: z.string(), level: z.number() });
const zYear = z.object({
  year: z.number(),
  asOf: z.string().describe("the year's last day, or today for the running year"),
  talent: z.number(),
  certified: z.number(),
  byLevel: z
    .object({ assistant: z.number(), intermediate: z.number(), senior: z.number() })
    .describe('by highest valid certificate'),
  registrations: z.number().describe('distinct people registered for the exam that year'),
  sat: z.number().describe('registered and sat (passed or failed)'),
  passes: z.number(),
  passRate: z.number().nullable().describe('passes / sat'),
  certifiedChange: z.number().nullable(),
  registrationsChange: z.number().nullable(),
});
const zPerson = {
  workerId: z.string(),
  name: z.string(),
  idNumber: z.string().describe('masked'),
  regionCode: z.string(),
  regionName: z.string(),
};
const zLevel = z.enum(LEVELS);
const zListQuery = zPageQuery.extend({ region: zRegionQuery });
const tags = ['talent'];

export async function statsRoutes(app: App) {
  const { database, pii, params } = app.deps;
  const db = database.db;

  app.get('/talent/series', {
    config: { permission: 'talent:stats:list' },
    schema: {
      tags,
      description:
        "Per year, counted on the year's last day: distinct people in the register and certified (by level), exam registrations, passes and pass rate, change on the year before; for the region and each child region.",
      querystring: z.object({
        region: zRegionQuery,
        from: z.coerce.number().int().min(1990).max(2100).optional(),
        to: z.coerce.number().int().min(1990).max(2100).optional(),
      }),
      response: {
        200: z.object({
          region: zRegionRef,
          from: z.number(),
          to: z.number(),
          years: z.array(zYear),
          children: z.array(zRegionRef.extend({ hasChildren: z.boolean(), years: z.array(zYear) })),
        }),
      },
    },
    handler: async (req) => talentSeries(db, req.ctx(), req.query),
  });

  app.get('/talent/summary', {
    config: { permission: 'talent:stats:list' },
    schema: {
      tags,
      querystring: z.object({ region: zRegionQuery, asOf: zDay.optional() }),
      response: {
        200: z.object({
          region: zRegionRef,
          asOf: z.string(),
          talent: z.object({
            total: z.number(),
            byCategory: z.object(
              Object.fromEntries(CATEGORIES.map((c) => [c, z.number()])) as Record<
                (typeof CATEGORIES)[number],
                z.ZodNumber
              >,
            ),
          }),
          certified: z.object({
            total: z.number(),
            assistant: z.number(),
            intermediate: z.number(),
            senior: z.number(),
            share: z.number().nullable(),
          }),
          resident: z.object({
            total: z.number(),
            qualified: z.number(),
            unqualified: z.number(),
            share: z.number().nullable(),
          }),
          positions: z.object({ set: z.number(), filled: z.number(), vacant: z.number() }),
          development: z.object({
            year: z.number(),
            trainingHours: z.number(),
            trainingPeople: z.number(),
            supervisionSessions: z.number(),
            supervisionHours: z.number(),
          }),
        }),
      },
    },
    handler: async (req) => talentSummary(db, req.ctx(), req.query),
  });

  app.get('/talent/compliance/unqualified-resident', {
    config: { permission: 'talent:stats:list' },
    schema: {
      tags,
      description:
        'Resident station workers without a valid certificate today; the deadline defaults to the parameter talent.compliance.residentDeadline.',
      querystring: zListQuery.extend({ deadline: zDay.optional() }),
      response: {
        200: z.object({
          deadline: z.string(),
          daysLeft: z.number(),
          total: z.number(),
          rows: z.array(
            z.object({
              ...zPerson,
              station: z.object({ id: z.string(), name: z.string() }),
              since: z.string(),
              latestExam: z.object({ year: z.number(), level: zLevel, result: z.string() }).nullable(),
            }),
          ),
        }),
      },
    },
    handler: async (req) => listUnqualifiedResidents(db, req.ctx(), pii, params, req.query),
  });

  app.get('/talent/compliance/hours-short', {
    config: { permission: 'talent:stats:list' },
    schema: {
      tags,
      description:
        "Certified workers whose training and supervision hours in the year fall short of their level's requirement (parameters talent.ce.yearlyHours.*).",
      querystring: zListQuery.extend({ year: z.coerce.number().int().min(1990).max(2100).optional() }),
      response: {
        200: z.object({
          year: z.number(),
          asOf: z.string(),
          requirements: z.object({ assistant: z.number(), intermediate: z.number(), senior: z.number() }),
          total: z.number(),
          rows: z.array(
            z.object({
              ...zPerson,
              level: zLevel,
              trainingHours: z.number(),
              supervisionHours: z.number(),
              hours: z.number(),
              required: z.number(),
              shortBy: z.number(),
            }),
          ),
        }),
      },
    },
    handler: async (req) => listHoursShort(db, req.ctx(), pii, params, req.query),
  });

  app.get('/talent/compliance/renewal-due', {
    config: { permission: 'talent:stats:list' },
    schema: {
      tags,
      description:
        'Valid certificates whose registration ends within `days` (default: parameter talent.registration.dueDays) or has lapsed.',
      querystring: zListQuery.extend({ days: z.coerce.number().int().min(0).max(3650).optional() }),
      response: {
        200: z.object({
          days: z.number(),
          total: z.number(),
          rows: z.array(
            z.object({
              ...zPerson,
              qualificationId: z.string(),
              level: zLevel,
              certificateNo: z.string().nullable(),
              registrationNo: z.string(),
              renewalDueOn: z.string(),
              daysLeft: z.number(),
              status: z.enum(['renewal_due', 'lapsed']),
            }),
          ),
        }),
      },
    },
    handler: async (req) => listRenewalsDue(db, req.ctx(), pii, params, req.query),
  });
}
