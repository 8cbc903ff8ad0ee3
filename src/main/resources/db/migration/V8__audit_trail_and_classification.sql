-- The audit trail of an invoice: every action with who and when, append-only.
-- No foreign key on invoice_id on purpose: a failed Chorus Pro call is recorded in a transaction of
-- its own while the step that failed may still hold the invoice row locked (a foreign key check
-- would wait for that lock). Invoices are never deleted, so the id always leads somewhere.
CREATE TABLE invoice_audit (
    id          BIGSERIAL PRIMARY KEY,
    invoice_id  BIGINT       NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    actor       VARCHAR(100) NOT NULL,
    action      VARCHAR(30)  NOT NULL CHECK (action IN ('INTAKE', 'EXTRACTION', 'FIELD_CHANGED', 'STATUS_CHANGED',
                    'DECISION', 'CHORUS_CALL', 'CHORUS_STATUS', 'DOCUMENT_ADDED', 'CLASSIFIED', 'EVIDENCE_EXPORTED')),
    summary     TEXT         NOT NULL,
    details     JSONB        NOT NULL DEFAULT '{}'
);
CREATE INDEX ix_invoice_audit_invoice ON invoice_audit (invoice_id, occurred_at, id);

-- Append-only, whatever the code does: the database refuses to change or remove a row.
CREATE FUNCTION refuse_audit_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Le journal d''audit est en ajout seul : % refusé sur %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER trg_invoice_audit_no_update
    BEFORE UPDATE OR DELETE ON invoice_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER trg_invoice_audit_no_truncate
    BEFORE TRUNCATE ON invoice_audit
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- Archive (GED): where a document is filed and what describes it. The archive knows nothing of
-- invoices: the dossier groups the documents of one business file, the metadata are free keys.
-- The same bytes may be filed in several dossiers (one attachment sent with two invoices).
CREATE TABLE document_classification (
    document_id   BIGINT       NOT NULL REFERENCES document (id),
    dossier       VARCHAR(300) NOT NULL,
    category      VARCHAR(50)  NOT NULL,
    metadata      JSONB        NOT NULL,
    classified_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    classified_by VARCHAR(100) NOT NULL,
    PRIMARY KEY (document_id, dossier)
);
CREATE INDEX ix_document_classification_dossier ON document_classification (dossier);
