ALTER TABLE "audit_checkpoints" ADD COLUMN "mac" text;--> statement-breakpoint
-- The maintenance switch is no longer a setting any session can turn on: until the server installs
-- the digest of its own maintenance secret (derived from the audit key, see audit.guard.ts), the
-- audit log refuses every UPDATE, DELETE and TRUNCATE.
CREATE OR REPLACE FUNCTION lianxin_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Every row written from now on is keyed: a plain SHA-256 row can no longer be inserted, nor an
-- existing row turned into one. NOT VALID: the rows written before the key keep their 'sha256'.
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_chain_keyed" CHECK ("chain" = 'hmac-sm3') NOT VALID;
