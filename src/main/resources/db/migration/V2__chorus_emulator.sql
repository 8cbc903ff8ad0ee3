-- State of the embedded Chorus Pro emulator (development and tests only; unused in production).
CREATE SCHEMA IF NOT EXISTS chorus_emulator;

-- Ids start above 2^31, as real Chorus Pro ids do.
CREATE SEQUENCE chorus_emulator.id_seq START WITH 5000000001;
CREATE SEQUENCE chorus_emulator.flux_seq START WITH 1;

CREATE TABLE chorus_emulator.structure (
    id_structure_cpp          BIGINT PRIMARY KEY DEFAULT nextval('chorus_emulator.id_seq'),
    identifiant               VARCHAR(20)  NOT NULL UNIQUE,
    type_identifiant          VARCHAR(20)  NOT NULL DEFAULT 'SIRET',
    designation               VARCHAR(255) NOT NULL,
    publique                  BOOLEAN      NOT NULL,
    -- what the emulator's technical account may do for this structure
    compte_destinataire       BOOLEAN      NOT NULL DEFAULT FALSE,
    compte_fournisseur        BOOLEAN      NOT NULL DEFAULT FALSE,
    service_obligatoire       BOOLEAN      NOT NULL DEFAULT FALSE,
    ej_obligatoire            BOOLEAN      NOT NULL DEFAULT FALSE,
    ej_ou_service             BOOLEAN      NOT NULL DEFAULT FALSE,
    active                    BOOLEAN      NOT NULL DEFAULT TRUE
);

CREATE TABLE chorus_emulator.service (
    id_service   BIGINT PRIMARY KEY DEFAULT nextval('chorus_emulator.id_seq'),
    id_structure BIGINT       NOT NULL REFERENCES chorus_emulator.structure (id_structure_cpp),
    code         VARCHAR(100) NOT NULL,
    libelle      VARCHAR(255) NOT NULL,
    actif        BOOLEAN      NOT NULL DEFAULT TRUE,
    date_debut   DATE         NOT NULL DEFAULT DATE '2020-01-01',
    UNIQUE (id_structure, code)
);

CREATE TABLE chorus_emulator.facture (
    id_facture              BIGINT PRIMARY KEY DEFAULT nextval('chorus_emulator.id_seq'),
    numero                  VARCHAR(100)   NOT NULL,
    id_fournisseur          BIGINT         NOT NULL REFERENCES chorus_emulator.structure (id_structure_cpp),
    id_destinataire         BIGINT         NOT NULL REFERENCES chorus_emulator.structure (id_structure_cpp),
    id_service              BIGINT REFERENCES chorus_emulator.service (id_service),
    type_facture            VARCHAR(20)    NOT NULL DEFAULT 'FACTURE',
    date_facture            DATE           NOT NULL,
    date_depot              DATE           NOT NULL,
    date_echeance           DATE,
    devise                  CHAR(3)        NOT NULL DEFAULT 'EUR',
    montant_ht              NUMERIC(19, 2) NOT NULL,
    montant_tva             NUMERIC(19, 2) NOT NULL,
    montant_ttc             NUMERIC(19, 2) NOT NULL,
    montant_a_payer         NUMERIC(19, 2) NOT NULL,
    numero_bon_commande     VARCHAR(50),
    numero_marche           VARCHAR(50),
    statut                  VARCHAR(40)    NOT NULL,
    date_heure_etat_courant TIMESTAMPTZ    NOT NULL,
    commentaire_etat        TEXT,
    telechargee             BOOLEAN        NOT NULL DEFAULT FALSE,
    mode_depot              VARCHAR(30)    NOT NULL DEFAULT 'DEPOT_PDF_API',
    numero_flux             VARCHAR(40),
    pdf                     BYTEA          NOT NULL,
    UNIQUE (id_fournisseur, numero)
);
CREATE INDEX ix_emulator_facture_destinataire ON chorus_emulator.facture (id_destinataire, date_heure_etat_courant);
CREATE INDEX ix_emulator_facture_flux ON chorus_emulator.facture (numero_flux);

CREATE TABLE chorus_emulator.historique (
    id           BIGSERIAL PRIMARY KEY,
    id_facture   BIGINT      NOT NULL REFERENCES chorus_emulator.facture (id_facture),
    statut       VARCHAR(40) NOT NULL,
    date_passage TIMESTAMPTZ NOT NULL,
    commentaire  TEXT
);
CREATE INDEX ix_emulator_historique_facture ON chorus_emulator.historique (id_facture);

-- Files sent with ajouter/fichier, deposer/pdf and completer.
CREATE TABLE chorus_emulator.piece_jointe (
    id         BIGINT PRIMARY KEY DEFAULT nextval('chorus_emulator.id_seq'),
    nom        VARCHAR(255) NOT NULL,
    type_mime  VARCHAR(100),
    extension  VARCHAR(20),
    contenu    BYTEA        NOT NULL,
    id_facture BIGINT REFERENCES chorus_emulator.facture (id_facture),
    type_code  VARCHAR(10)
);

CREATE TABLE chorus_emulator.flux (
    numero         VARCHAR(40) PRIMARY KEY,
    nom_fichier    VARCHAR(200) NOT NULL,
    syntaxe        VARCHAR(40)  NOT NULL,
    contenu        BYTEA        NOT NULL,
    date_depot     TIMESTAMPTZ  NOT NULL,
    etat           VARCHAR(60)  NOT NULL,
    date_etat      TIMESTAMPTZ  NOT NULL,
    consultations  INT          NOT NULL DEFAULT 0,
    erreurs_dp     TEXT,
    erreur_technique TEXT
);
