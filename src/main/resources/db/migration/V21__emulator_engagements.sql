-- The emulator's legal commitments (engagements juridiques) of its public structures, for the EJ check
-- an emission makes when the recipient requires one (engagementsJuridiques/v1/rechercher).
CREATE TABLE chorus_emulator.engagement (
    id_structure_cpp BIGINT      NOT NULL,
    numero           VARCHAR(50) NOT NULL,
    etat             VARCHAR(30) NOT NULL DEFAULT 'COMMANDE',
    PRIMARY KEY (id_structure_cpp, numero)
);
