-- Relève: how far each recipient structure has been read.
CREATE TABLE chorus_releve_watermark (
    structure_id BIGINT PRIMARY KEY,
    watermark    TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

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
