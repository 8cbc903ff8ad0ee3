-- The file the pre-flight ("Contrôler avant dépôt") built for an emitted invoice's next deposit:
-- the deposit sends exactly this file, built once per attempt, as long as the confirmed data and
-- the main document are the ones it was built from (the fingerprint); otherwise it is built again.
-- No foreign key to invoice on purpose: a rebuild happens in a transaction of its own while the
-- step's transaction may hold the invoice row, and the key check would wait on it. Invoices are
-- never deleted, so the row never dangles.
CREATE TABLE emission_prepared_file (
    invoice_id   BIGINT      PRIMARY KEY,
    fingerprint  VARCHAR(64) NOT NULL,
    mode         VARCHAR(10) NOT NULL CHECK (mode IN ('FLUX', 'PDF')),
    document_id  BIGINT      NOT NULL REFERENCES document (id),
    filename     TEXT        NOT NULL,
    syntax       VARCHAR(40),
    built        BOOLEAN     NOT NULL,
    why          TEXT        NOT NULL,
    prepared_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
