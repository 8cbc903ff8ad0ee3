-- Chorus Pro's own history of each received invoice (consulter/historique): every status it went
-- through with its date, author and comment, also those between two relèves (the supplier's
-- completion note, for instance). Read when the relève sees the invoice's status change.
CREATE TABLE invoice_chorus_step (
    id         BIGSERIAL PRIMARY KEY,
    invoice_id BIGINT       NOT NULL REFERENCES invoice (id),
    step_id    BIGINT,
    status     VARCHAR(60)  NOT NULL,
    passed_at  TIMESTAMPTZ,
    author     VARCHAR(300),
    comment    TEXT,
    read_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- a step is known by Chorus Pro's id when it gives one, else by its status and date (to the minute)
    CONSTRAINT uq_invoice_chorus_step UNIQUE NULLS NOT DISTINCT (invoice_id, step_id, status, passed_at)
);
CREATE INDEX ix_invoice_chorus_step_invoice ON invoice_chorus_step (invoice_id, passed_at, id);

-- Invoices whose Chorus Pro history must be read (again): set when the relève sees a status change,
-- cleared once read; a failed read stays due for the next relève.
ALTER TABLE invoice ADD COLUMN chorus_history_due BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX ix_invoice_chorus_history_due ON invoice (id) WHERE chorus_history_due;

-- The emulator names who set each status, as Chorus Pro does.
ALTER TABLE chorus_emulator.historique ADD COLUMN utilisateur_prenom VARCHAR(100);
ALTER TABLE chorus_emulator.historique ADD COLUMN utilisateur_nom VARCHAR(100);
