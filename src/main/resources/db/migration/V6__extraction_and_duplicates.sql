-- What the extraction pipeline read from an invoice's main document: per-field value,
-- confidence and source (JSON), the branch used, and the warnings. One row per invoice (the latest).
CREATE TABLE invoice_extraction (
    invoice_id   BIGINT      PRIMARY KEY REFERENCES invoice (id),
    source       VARCHAR(10) NOT NULL CHECK (source IN ('FACTURX', 'ZUGFERD', 'CII', 'UBL', 'TEXT', 'OCR')),
    pages        INTEGER     NOT NULL,
    fields       JSONB       NOT NULL,
    warnings     JSONB       NOT NULL,
    extracted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The archive keeps each document's text for full-text search (French stemming).
CREATE TABLE document_text (
    document_id BIGINT   PRIMARY KEY REFERENCES document (id),
    content     TEXT     NOT NULL,
    search      TSVECTOR GENERATED ALWAYS AS (to_tsvector('french', left(content, 1000000))) STORED
);
CREATE INDEX ix_document_text_search ON document_text USING GIN (search);

-- Duplicate detection looks up invoices with the same issue date and total first.
CREATE INDEX ix_invoice_issue_date_total ON invoice (issue_date, total_ttc);
ALTER TABLE invoice ADD COLUMN iban VARCHAR(34);
ALTER TABLE invoice ADD COLUMN duplicate_of BIGINT REFERENCES invoice (id);
