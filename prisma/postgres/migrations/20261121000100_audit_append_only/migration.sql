-- The audit log is append-only: refuse updates and deletes in the database itself,
-- so no code path (or hand-run SQL through the app's role) can rewrite history.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'AuditEvent rows are append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE OR DELETE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
