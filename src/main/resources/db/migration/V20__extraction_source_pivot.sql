-- A Chorus Pro invoice's PIVOT file (Chorus Pro's structured form of it) is read as its extraction.
ALTER TABLE invoice_extraction DROP CONSTRAINT invoice_extraction_source_check;
ALTER TABLE invoice_extraction ADD CONSTRAINT invoice_extraction_source_check
    CHECK (source IN ('FACTURX', 'ZUGFERD', 'CII', 'UBL', 'PIVOT', 'TEXT', 'OCR'));

-- The emulator's fault injection: a PIVOT file whose total TTC differs from the invoice's data.
ALTER TABLE chorus_emulator.facture ADD COLUMN pivot_montant_ttc NUMERIC(15, 2);
