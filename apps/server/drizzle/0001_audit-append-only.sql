-- The audit log is append-only: rows are never updated, and deleted only by the retention job,
-- which sets lianxin.audit_maintenance for its own transaction.
CREATE OR REPLACE FUNCTION lianxin_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('lianxin.audit_maintenance', true), '') <> 'on' THEN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION lianxin_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION lianxin_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION lianxin_audit_append_only();
