-- The e-mails Facteur sends to people (the administrators' warnings), each known by a key that says
-- what it tells (e.g. 'chorus-technical-password:2026-12-15:SEVEN_DAYS'): the row is written in the
-- transaction that sends it, so that a notice goes out once whatever the number of nodes, and a
-- failed send leaves no row and is tried again at the next check.
CREATE TABLE notification_sent (
    notification_key VARCHAR(200) PRIMARY KEY,
    sent_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    recipients       TEXT         NOT NULL,
    subject          TEXT         NOT NULL
);
