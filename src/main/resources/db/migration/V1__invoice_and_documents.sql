-- Facteur's own tables live in schema "facteur"; Camunda keeps its tables in "public".

-- Archive: document bytes in PostgreSQL (every node sees them), deduplicated by content hash.
CREATE TABLE document (
    id              BIGSERIAL PRIMARY KEY,
    sha256          CHAR(64)     NOT NULL UNIQUE,
    size_bytes      BIGINT       NOT NULL CHECK (size_bytes > 0),
    media_type      VARCHAR(100) NOT NULL,
    filename        VARCHAR(255),
    content         BYTEA        NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The invoice record: index data, our status and the status mirrored from Chorus Pro.
CREATE TABLE invoice (
    id                       BIGSERIAL PRIMARY KEY,
    direction                VARCHAR(10)  NOT NULL CHECK (direction IN ('RECEIVED', 'EMITTED')),
    channel                  VARCHAR(10)  NOT NULL CHECK (channel IN ('CHORUS', 'UPLOAD', 'FOLDER', 'EMAIL')),
    external_key             VARCHAR(200) NOT NULL,
    chorus_id                BIGINT,
    supplier_name            VARCHAR(255),
    supplier_siret           VARCHAR(14),
    supplier_vat_number      VARCHAR(20),
    buyer_name               VARCHAR(255),
    buyer_siret              VARCHAR(14),
    invoice_number           VARCHAR(100),
    issue_date               DATE,
    due_date                 DATE,
    currency                 CHAR(3),
    total_ht                 NUMERIC(15, 2),
    total_tva                NUMERIC(15, 2),
    total_ttc                NUMERIC(15, 2),
    purchase_order_reference VARCHAR(100),
    service_code             VARCHAR(100),
    status                   VARCHAR(30)  NOT NULL,
    chorus_status            VARCHAR(40),
    created_at               TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_invoice_external_key UNIQUE (external_key)
);
CREATE UNIQUE INDEX uq_invoice_chorus_id ON invoice (chorus_id) WHERE chorus_id IS NOT NULL;
CREATE INDEX ix_invoice_status ON invoice (status);
CREATE INDEX ix_invoice_direction_status ON invoice (direction, status);

-- Who changed an invoice's status, when, from what to what, and why.
CREATE TABLE invoice_status_history (
    id          BIGSERIAL PRIMARY KEY,
    invoice_id  BIGINT       NOT NULL REFERENCES invoice (id),
    changed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    changed_by  VARCHAR(100) NOT NULL,
    from_status VARCHAR(30),
    to_status   VARCHAR(30)  NOT NULL,
    comment     TEXT
);
CREATE INDEX ix_invoice_status_history_invoice ON invoice_status_history (invoice_id, changed_at);

-- The documents of an invoice: one main document and any number of attachments.
CREATE TABLE invoice_document (
    invoice_id  BIGINT      NOT NULL REFERENCES invoice (id),
    document_id BIGINT      NOT NULL REFERENCES document (id),
    role        VARCHAR(10) NOT NULL CHECK (role IN ('MAIN', 'ATTACHMENT')),
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (invoice_id, document_id)
);
CREATE UNIQUE INDEX uq_invoice_document_main ON invoice_document (invoice_id) WHERE role = 'MAIN';
CREATE INDEX ix_invoice_document_document ON invoice_document (document_id);
