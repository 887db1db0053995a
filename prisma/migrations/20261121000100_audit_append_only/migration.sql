-- The audit log is append-only: refuse updates and deletes in the database itself,
-- so no code path (or hand-run SQL through the app's role) can rewrite history.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent rows are append-only');
END;

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent rows are append-only');
END;
