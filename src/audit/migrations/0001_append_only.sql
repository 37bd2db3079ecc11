-- Audit records are append-only, enforced by the database itself: whoever connects, the rows of
-- audit.event cannot be updated, deleted or truncated (PIPL Art. 55-56: keep processing records).
-- Changing this needs a migration that drops the triggers, which review and audit:verify see.
CREATE FUNCTION audit.reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only: % on audit.% is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit.event
  FOR EACH ROW EXECUTE FUNCTION audit.reject_change();
--> statement-breakpoint
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON audit.event
  FOR EACH STATEMENT EXECUTE FUNCTION audit.reject_change();
--> statement-breakpoint
-- Roles other than the owner get no way to change records either (the gateway's production role
-- should be granted INSERT and SELECT only; see README).
REVOKE UPDATE, DELETE, TRUNCATE ON audit.event FROM PUBLIC;
--> statement-breakpoint
-- The chain starts from a fixed genesis hash.
INSERT INTO audit.chain_head (id, seq, hash) VALUES (true, 0, repeat('0', 64));
