-- Relève: how far each recipient structure has been read, and the invoices still to import.

CREATE TABLE chorus_releve_watermark (
    structure_id BIGINT PRIMARY KEY,
    watermark    TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- An invoice seen by a relève and not imported yet; it stays here until its import succeeds,
-- so that a failed import is picked up by the next relève.
CREATE TABLE chorus_import_queue (
    chorus_id     BIGINT PRIMARY KEY,
    structure_id  BIGINT      NOT NULL,
    chorus_status VARCHAR(40),
    seen_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_chorus_import_queue_structure ON chorus_import_queue (structure_id, chorus_id);

-- The Chorus Pro statuses an invoice went through, as the relève saw them.
CREATE TABLE invoice_chorus_status_history (
    id          BIGSERIAL PRIMARY KEY,
    invoice_id  BIGINT      NOT NULL REFERENCES invoice (id),
    seen_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    status_time TIMESTAMPTZ,
    from_status VARCHAR(40),
    to_status   VARCHAR(40) NOT NULL
);
CREATE INDEX ix_invoice_chorus_status_history_invoice ON invoice_chorus_status_history (invoice_id, seen_at);
