CREATE TABLE "coverage_deadlines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"registration_authority" text DEFAULT '' NOT NULL,
	"registered_on" date,
	"domains" text[] DEFAULT '{}' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone_enc" text,
	"contact_phone_hash" text,
	"address" text DEFAULT '' NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"pairing_id" uuid NOT NULL,
	"delivered_on" date NOT NULL,
	"supervisors_sent" integer DEFAULT 0 NOT NULL,
	"people_trained" integer DEFAULT 0 NOT NULL,
	"funding_fen" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"actor_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"supporter_region_code" text NOT NULL,
	"organization_id" uuid,
	"university_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"supervisors_sent" integer DEFAULT 0 NOT NULL,
	"people_trained" integer DEFAULT 0 NOT NULL,
	"funding_fen" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_status_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"override_reason" text,
	"actor_id" uuid,
	"actor_name" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"organization_id" uuid,
	"address" text DEFAULT '' NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"opening_hours" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"opened_on" date,
	"suspended_on" date,
	"closed_on" date,
	"demonstration" boolean DEFAULT false NOT NULL,
	"demonstration_level" text,
	"demonstration_year" smallint,
	"hidden" boolean DEFAULT false NOT NULL,
	"coord_confirmed" boolean DEFAULT false NOT NULL,
	"coord_review" text,
	"override_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pairing_deliveries" ADD CONSTRAINT "pairing_deliveries_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_university_id_organizations_id_fk" FOREIGN KEY ("university_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_status_history" ADD CONSTRAINT "station_status_history_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coverage_deadlines_region_idx" ON "coverage_deadlines" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_credit_code_uq" ON "organizations" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "organizations_region_idx" ON "organizations" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "pairing_deliveries_pairing_idx" ON "pairing_deliveries" USING btree ("pairing_id","delivered_on");--> statement-breakpoint
CREATE INDEX "pairings_region_idx" ON "pairings" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "pairings_supporter_region_idx" ON "pairings" USING btree ("supporter_region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "station_status_history_station_idx" ON "station_status_history" USING btree ("station_id","at");--> statement-breakpoint
CREATE INDEX "stations_region_idx" ON "stations" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "stations_operating_idx" ON "stations" USING btree ("region_code" text_pattern_ops,"kind") WHERE "stations"."status" = 'operating';--> statement-breakpoint
CREATE INDEX "stations_organization_idx" ON "stations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "regions_coverage_idx" ON "regions" USING btree ("code" text_pattern_ops,"level","kind") WHERE "regions"."level" >= 4;