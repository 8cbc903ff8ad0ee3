-- Purchasing referential: purchase orders / engagements juridiques (EJ) and their consumption.
CREATE TABLE purchase_order (
    number          VARCHAR(50)    PRIMARY KEY,
    supplier_siret  VARCHAR(14)    NOT NULL,
    service_code    VARCHAR(100),
    label           VARCHAR(255),
    amount_ordered  NUMERIC(15, 2) NOT NULL CHECK (amount_ordered >= 0),
    amount_invoiced NUMERIC(15, 2) NOT NULL DEFAULT 0 CHECK (amount_invoiced >= 0),
    created_at      TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX ix_purchase_order_supplier ON purchase_order (supplier_siret);
