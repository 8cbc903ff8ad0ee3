-- Every deposit of an emitted invoice on Chorus Pro: one row per attempt (a rejected deposit is
-- corrected and sent again under a new number). The unique number per supplier makes "a number
-- Chorus Pro has seen is never sent again" a rule of the database, not only of the code.
CREATE TABLE emission_attempt (
    id              BIGSERIAL PRIMARY KEY,
    invoice_id      BIGINT       NOT NULL REFERENCES invoice (id),
    supplier_siret  VARCHAR(14)  NOT NULL,
    invoice_number  VARCHAR(100) NOT NULL,
    mode            VARCHAR(10)  NOT NULL CHECK (mode IN ('FLUX', 'PDF')),
    syntax          VARCHAR(40),
    file_document_id BIGINT      REFERENCES document (id),
    flux_number     VARCHAR(60),
    chorus_id       BIGINT,
    state           VARCHAR(20)  NOT NULL CHECK (state IN ('DEPOSITED', 'INTEGRATED', 'REJECTED', 'REFUSED')),
    errors          TEXT,
    deposited_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_emission_attempt_number UNIQUE (supplier_siret, invoice_number)
);
CREATE INDEX ix_emission_attempt_invoice ON emission_attempt (invoice_id, id);
CREATE UNIQUE INDEX uq_emission_attempt_flux ON emission_attempt (flux_number) WHERE flux_number IS NOT NULL;
