-- Every invoice is filed in the GED when it reaches a final state (paid, rejected, duplicate
-- discarded, emission abandoned or no longer followed), with the day until which it must be kept:
-- facteur.retention.period (10 years) after the end of the year of its payment, or of its final
-- state. Past that day it MAY be destroyed; nothing is ever destroyed by Facteur itself.
ALTER TABLE invoice ADD COLUMN retain_until DATE;
COMMENT ON COLUMN invoice.retain_until IS
    'Kept at least until this day (retention rule applied when the invoice reached a final state); null before';
CREATE INDEX ix_invoice_retain_until ON invoice (retain_until) WHERE retain_until IS NOT NULL;
-- the invoices in a final state not filed yet (those that ended before this version): filed by the sweep
CREATE INDEX ix_invoice_final_not_filed ON invoice (id)
    WHERE retain_until IS NULL AND status IN ('PAID', 'REJECTED', 'DUPLICATE', 'ABANDONED', 'UNFOLLOWED');
