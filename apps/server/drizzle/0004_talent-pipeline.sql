CREATE TABLE "exam_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"year" smallint NOT NULL,
	"level" text NOT NULL,
	"registered_on" date,
	"result" text DEFAULT 'pending' NOT NULL,
	"result_on" date,
	"subjects_passed" text[] DEFAULT '{}' NOT NULL,
	"sponsor_organization_id" uuid,
	"reimbursed_items" text[] DEFAULT '{}' NOT NULL,
	"reimbursed_fen" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "exam_registrations_worker_year_level_uq" UNIQUE("worker_id","year","level")
);
--> statement-breakpoint
CREATE TABLE "honors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"year" smallint NOT NULL,
	"awarded_by" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "position_holders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"position_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "position_holders_period_ck" CHECK ("position_holders"."ended_on" is null or "position_holders"."ended_on" >= "position_holders"."started_on")
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"organization_id" uuid,
	"station_id" uuid,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"funded_by" text NOT NULL,
	"funding_note" text DEFAULT '' NOT NULL,
	"established_on" date NOT NULL,
	"abolished_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qualification_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"qualification_id" uuid NOT NULL,
	"registered_on" date NOT NULL,
	"renewal_due_on" date NOT NULL,
	"registration_no" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qualifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"level" text NOT NULL,
	"certificate_no" text,
	"obtained_on" date NOT NULL,
	"issuing_body" text DEFAULT '' NOT NULL,
	"exam_year" smallint,
	"exam_registration_id" uuid,
	"valid_until" date,
	"revoked_on" date,
	"revoke_reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_assignments_period_ck" CHECK ("station_assignments"."ended_on" is null or "station_assignments"."ended_on" >= "station_assignments"."started_on")
);
--> statement-breakpoint
CREATE TABLE "supervision_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"supervisor_id" uuid,
	"supervisor_name" text NOT NULL,
	"station_id" uuid,
	"held_on" date NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"mode" text NOT NULL,
	"topics" text[] DEFAULT '{}' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "supervision_sessions_hours_ck" CHECK ("supervision_sessions"."hours" > 0 and "supervision_sessions"."hours" <= 24)
);
--> statement-breakpoint
CREATE TABLE "supervision_supervisees" (
	"session_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_supervisees_session_id_worker_id_pk" PRIMARY KEY("session_id","worker_id")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"metric" text NOT NULL,
	"level" text,
	"value" integer NOT NULL,
	"due_on" date NOT NULL,
	"baseline_value" integer,
	"baseline_on" date,
	"parent_id" uuid,
	"source" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"course" text NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"provider_organization_id" uuid,
	"started_on" date NOT NULL,
	"ended_on" date NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"credits" numeric(6, 1),
	"certificate_no" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "training_records_hours_ck" CHECK ("training_records"."hours" > 0 and "training_records"."ended_on" >= "training_records"."started_on")
);
--> statement-breakpoint
CREATE TABLE "worker_employments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"organization_id" uuid,
	"job_title" text DEFAULT '' NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worker_employments_period_ck" CHECK ("worker_employments"."ended_on" is null or "worker_employments"."ended_on" >= "worker_employments"."started_on")
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"phone_enc" text,
	"phone_hash" text,
	"education" text,
	"major" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"organization_id" uuid,
	"job_title" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exam_registrations" ADD CONSTRAINT "exam_registrations_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_registrations" ADD CONSTRAINT "exam_registrations_sponsor_organization_id_organizations_id_fk" FOREIGN KEY ("sponsor_organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honors" ADD CONSTRAINT "honors_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_holders" ADD CONSTRAINT "position_holders_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_holders" ADD CONSTRAINT "position_holders_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification_registrations" ADD CONSTRAINT "qualification_registrations_qualification_id_qualifications_id_fk" FOREIGN KEY ("qualification_id") REFERENCES "public"."qualifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_exam_registration_id_exam_registrations_id_fk" FOREIGN KEY ("exam_registration_id") REFERENCES "public"."exam_registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_assignments" ADD CONSTRAINT "station_assignments_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_assignments" ADD CONSTRAINT "station_assignments_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_supervisor_id_workers_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."workers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_supervisees" ADD CONSTRAINT "supervision_supervisees_session_id_supervision_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."supervision_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_supervisees" ADD CONSTRAINT "supervision_supervisees_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_parent_id_targets_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."targets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_records" ADD CONSTRAINT "training_records_provider_organization_id_organizations_id_fk" FOREIGN KEY ("provider_organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_employments" ADD CONSTRAINT "worker_employments_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_employments" ADD CONSTRAINT "worker_employments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exam_registrations_region_idx" ON "exam_registrations" USING btree ("region_code" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "exam_registrations_year_idx" ON "exam_registrations" USING btree ("year","level","result");--> statement-breakpoint
CREATE INDEX "honors_worker_idx" ON "honors" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "honors_level_year_idx" ON "honors" USING btree ("level","year");--> statement-breakpoint
CREATE UNIQUE INDEX "position_holders_current_uq" ON "position_holders" USING btree ("position_id") WHERE "position_holders"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "position_holders_position_idx" ON "position_holders" USING btree ("position_id","started_on");--> statement-breakpoint
CREATE INDEX "position_holders_worker_idx" ON "position_holders" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "positions_region_idx" ON "positions" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "positions_organization_idx" ON "positions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "positions_station_idx" ON "positions" USING btree ("station_id");--> statement-breakpoint
CREATE INDEX "qualification_registrations_qualification_idx" ON "qualification_registrations" USING btree ("qualification_id","registered_on");--> statement-breakpoint
CREATE UNIQUE INDEX "qualifications_certificate_no_uq" ON "qualifications" USING btree ("certificate_no") WHERE "qualifications"."certificate_no" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "qualifications_exam_registration_uq" ON "qualifications" USING btree ("exam_registration_id") WHERE "qualifications"."exam_registration_id" is not null;--> statement-breakpoint
CREATE INDEX "qualifications_worker_idx" ON "qualifications" USING btree ("worker_id","obtained_on");--> statement-breakpoint
CREATE INDEX "qualifications_level_idx" ON "qualifications" USING btree ("level","obtained_on");--> statement-breakpoint
CREATE UNIQUE INDEX "station_assignments_current_uq" ON "station_assignments" USING btree ("worker_id") WHERE "station_assignments"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "station_assignments_station_idx" ON "station_assignments" USING btree ("station_id","started_on");--> statement-breakpoint
CREATE INDEX "station_assignments_region_idx" ON "station_assignments" USING btree ("region_code" text_pattern_ops,"started_on");--> statement-breakpoint
CREATE INDEX "supervision_sessions_region_idx" ON "supervision_sessions" USING btree ("region_code" text_pattern_ops,"held_on");--> statement-breakpoint
CREATE INDEX "supervision_sessions_supervisor_idx" ON "supervision_sessions" USING btree ("supervisor_id","held_on");--> statement-breakpoint
CREATE INDEX "supervision_supervisees_worker_idx" ON "supervision_supervisees" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "targets_region_idx" ON "targets" USING btree ("region_code" text_pattern_ops,"metric");--> statement-breakpoint
CREATE INDEX "targets_parent_idx" ON "targets" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "training_records_worker_idx" ON "training_records" USING btree ("worker_id","ended_on");--> statement-breakpoint
CREATE INDEX "training_records_region_idx" ON "training_records" USING btree ("region_code" text_pattern_ops,"ended_on");--> statement-breakpoint
CREATE INDEX "worker_employments_worker_idx" ON "worker_employments" USING btree ("worker_id","started_on");--> statement-breakpoint
CREATE INDEX "worker_employments_region_idx" ON "worker_employments" USING btree ("region_code" text_pattern_ops,"started_on");--> statement-breakpoint
CREATE UNIQUE INDEX "workers_id_number_hash_uq" ON "workers" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "workers_region_idx" ON "workers" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "workers_organization_idx" ON "workers" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "workers_phone_hash_idx" ON "workers" USING btree ("phone_hash");