-- Full-text search in French with accents ignored ("republique" finds "République").
-- unaccent ships with PostgreSQL (contrib) and is a trusted extension.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION fr_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;

-- Documents' text (archive): re-index with the accent-insensitive configuration.
DROP INDEX ix_document_text_search;
ALTER TABLE document_text DROP COLUMN search;
ALTER TABLE document_text ADD COLUMN search TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('facteur.fr_unaccent'::regconfig, left(content, 1000000))) STORED;
CREATE INDEX ix_document_text_search ON document_text USING GIN (search);

-- Invoice metadata, searchable the same way.
ALTER TABLE invoice ADD COLUMN search TSVECTOR GENERATED ALWAYS AS (to_tsvector('facteur.fr_unaccent'::regconfig,
    coalesce(invoice_number, '') || ' ' || coalesce(supplier_name, '') || ' ' || coalesce(supplier_siret, '') || ' '
    || coalesce(supplier_vat_number, '') || ' ' || coalesce(buyer_name, '') || ' '
    || coalesce(purchase_order_reference, '') || ' ' || coalesce(service_code, ''))) STORED;
CREATE INDEX ix_invoice_search ON invoice USING GIN (search);
