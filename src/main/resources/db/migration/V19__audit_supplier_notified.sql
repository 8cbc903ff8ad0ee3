-- The audit trail says how the supplier of a disputed invoice was told (a mail with the motif, or why not).
ALTER TABLE invoice_audit DROP CONSTRAINT invoice_audit_action_check;
ALTER TABLE invoice_audit ADD CONSTRAINT invoice_audit_action_check CHECK (action IN ('INTAKE', 'EXTRACTION',
    'FIELD_CHANGED', 'STATUS_CHANGED', 'DECISION', 'CHORUS_CALL', 'CHORUS_STATUS', 'DOCUMENT_ADDED', 'CLASSIFIED',
    'EVIDENCE_EXPORTED', 'SUPPLIER_NOTIFIED'));
