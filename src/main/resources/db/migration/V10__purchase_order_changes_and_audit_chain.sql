-- Who changed the purchase-order referential, when, and the values before and after; append-only.
CREATE TABLE purchase_order_change (
    id          BIGSERIAL PRIMARY KEY,
    number      VARCHAR(50)  NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    actor       VARCHAR(100) NOT NULL,
    action      VARCHAR(10)  NOT NULL CHECK (action IN ('CREATED', 'UPDATED')),
    old_values  JSONB,
    new_values  JSONB        NOT NULL
);
CREATE INDEX ix_purchase_order_change_number ON purchase_order_change (number, id);
CREATE TRIGGER trg_purchase_order_change_no_update
    BEFORE UPDATE OR DELETE ON purchase_order_change
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER trg_purchase_order_change_no_truncate
    BEFORE TRUNCATE ON purchase_order_change
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- The audit trail of an invoice is a hash chain: each line carries the SHA-256 of its own content
-- and of the line before it (of the same invoice), computed by the database on insert. A line
-- edited or removed anyway (by an owner who disabled the triggers) breaks the chain, and the
-- evidence pack says where. Two lines written at the same moment may hang on the same previous
-- line: the chain is then a tree, verified the same way (every previous hash is an earlier line's).
ALTER TABLE invoice_audit ADD COLUMN previous_hash CHAR(64), ADD COLUMN line_hash CHAR(64);
CREATE INDEX ix_invoice_audit_chain ON invoice_audit (invoice_id, id);

-- Java computes the same (InvoiceAudit.lineHash): fields joined by a line feed, time in microseconds.
CREATE FUNCTION audit_line_hash(previous TEXT, line_id BIGINT, invoice BIGINT, occurred TIMESTAMPTZ, actor TEXT,
                                action TEXT, summary TEXT, details JSONB) RETURNS CHAR(64)
    LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws(E'\n', coalesce(previous, ''), line_id::text, invoice::text,
        (extract(epoch FROM occurred) * 1000000)::bigint::text, actor, action, summary, details::text), 'UTF8')), 'hex')
$$;

CREATE FUNCTION chain_audit_line() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    SELECT line_hash INTO NEW.previous_hash FROM facteur.invoice_audit
        WHERE invoice_id = NEW.invoice_id ORDER BY id DESC LIMIT 1;
    NEW.line_hash := facteur.audit_line_hash(NEW.previous_hash, NEW.id, NEW.invoice_id, NEW.occurred_at, NEW.actor,
        NEW.action, NEW.summary, NEW.details);
    RETURN NEW;
END;
$$;
CREATE TRIGGER trg_invoice_audit_chain BEFORE INSERT ON invoice_audit
    FOR EACH ROW EXECUTE FUNCTION chain_audit_line();

-- Lines written before this version: chained now, in the order they were written.
ALTER TABLE invoice_audit DISABLE TRIGGER trg_invoice_audit_no_update;
DO $$
DECLARE
    line RECORD;
    previous CHAR(64);
    current_invoice BIGINT;
BEGIN
    FOR line IN SELECT * FROM invoice_audit ORDER BY invoice_id, id LOOP
        IF current_invoice IS DISTINCT FROM line.invoice_id THEN
            previous := NULL;
            current_invoice := line.invoice_id;
        END IF;
        UPDATE invoice_audit SET previous_hash = previous,
               line_hash = audit_line_hash(previous, line.id, line.invoice_id, line.occurred_at, line.actor,
                                           line.action, line.summary, line.details)
         WHERE id = line.id
        RETURNING line_hash INTO previous;
    END LOOP;
END;
$$;
ALTER TABLE invoice_audit ENABLE TRIGGER trg_invoice_audit_no_update;
ALTER TABLE invoice_audit ALTER COLUMN line_hash SET NOT NULL;
