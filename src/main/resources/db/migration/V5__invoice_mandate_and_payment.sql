-- Mandate and payment of a received invoice, with what paying late cost.
ALTER TABLE invoice ADD COLUMN mandate_number VARCHAR(50);
ALTER TABLE invoice ADD COLUMN payment_due_on DATE;
ALTER TABLE invoice ADD COLUMN paid_on DATE;
ALTER TABLE invoice ADD COLUMN late_interest NUMERIC(15, 2);
ALTER TABLE invoice ADD COLUMN late_flat_fee NUMERIC(15, 2);
