ALTER TABLE "honors" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "honors" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;