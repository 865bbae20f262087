import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { idColumn, regionCodeColumn, timestamps, versionColumn } from '../../db/columns.ts';
import { organizations } from '../organizations/organizations.table.ts';

/** 社工站 of every kind: hub, town, community room, service point, mental health station, outpost. */
export const stations = pgTable(
  'stations',
  {
    id: idColumn(),
    /** hub | town | community | point | mental_health | outpost */
    kind: text('kind').notNull(),
    regionCode: regionCodeColumn(),
    name: text('name').notNull(),
    /** The operating organization (承接机构), if any. */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    address: text('address').notNull().default(''),
    /** WGS-84; converted to GCJ-02 only at the map's edge. */
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    openingHours: text('opening_hours').notNull().default(''),
    /** The station's public contact number (shown on the public map), not a person's. */
    phone: text('phone').notNull().default(''),
    /** Values of the station_service dictionary. */
    services: text('services').array().notNull().default([]),
    /** planned | operating | suspended | closed — changed through lifecycle actions only. */
    status: text('status').notNull().default('planned'),
    openedOn: date('opened_on', { mode: 'string' }),
    /** Start of the current suspension; cleared when the station resumes. */
    suspendedOn: date('suspended_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    demonstration: boolean('demonstration').notNull().default(false),
    /** national | provincial | city | county */
    demonstrationLevel: text('demonstration_level'),
    demonstrationYear: smallint('demonstration_year'),
    /** A shelter or safe house: never on the public map. */
    hidden: boolean('hidden').notNull().default(false),
    /** The administrator confirmed unusual coordinates. */
    coordConfirmed: boolean('coord_confirmed').notNull().default(false),
    /** Why the confirmed coordinates are unusual (outside_china | far_from_region); null when they are not. */
    coordReview: text('coord_review'),
    /** Why a second operating town station in one town is allowed. */
    overrideReason: text('override_reason'),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    index('stations_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
    // The coverage figures only read operating stations; a partial index keeps that probe small.
    index('stations_operating_idx')
      .using('btree', sql`${t.regionCode} text_pattern_ops`, t.kind)
      .where(sql`${t.status} = 'operating'`),
    index('stations_organization_idx').on(t.organizationId),
  ],
);

/** Lifecycle history: when a station was planned, opened, paused, resumed and closed. */
export const stationStatusHistory = pgTable(
  'station_status_history',
  {
    id: idColumn(),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** The day the change took effect (may precede the day it was recorded). */
    on: date('on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull().default(''),
    overrideReason: text('override_reason'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('station_status_history_station_idx').on(t.stationId, t.at)],
);
