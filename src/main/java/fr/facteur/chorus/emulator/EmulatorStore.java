package fr.facteur.chorus.emulator;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The emulator's own tables (schema {@code chorus_emulator}). */
@Repository
@ConditionalOnEmulator
class EmulatorStore {

    private static final String FACTURE_COLUMNS = """
            f.id_facture, f.numero, f.id_fournisseur, f.id_destinataire, f.id_service, f.type_facture,
            f.date_facture, f.date_depot, f.date_echeance, f.devise, f.montant_ht, f.montant_tva, f.montant_ttc,
            f.montant_a_payer, f.numero_bon_commande, f.numero_marche, f.statut, f.date_heure_etat_courant,
            f.commentaire_etat, f.telechargee, f.mode_depot, f.numero_flux,
            sf.identifiant AS fournisseur_identifiant, sf.designation AS fournisseur_designation,
            sd.identifiant AS destinataire_identifiant, sd.designation AS destinataire_designation,
            sv.code AS service_code, sv.libelle AS service_libelle""";
    private static final String FACTURE_FROM = """
             FROM chorus_emulator.facture f
            JOIN chorus_emulator.structure sf ON sf.id_structure_cpp = f.id_fournisseur
            JOIN chorus_emulator.structure sd ON sd.id_structure_cpp = f.id_destinataire
            LEFT JOIN chorus_emulator.service sv ON sv.id_service = f.id_service""";

    private final JdbcClient jdbc;

    EmulatorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- structures and services ---------------------------------------------------------------

    record Structure(long id, String identifiant, String typeIdentifiant, String designation, boolean publique,
                     boolean compteDestinataire, boolean compteFournisseur, boolean serviceObligatoire,
                     boolean ejObligatoire, boolean ejOuService, boolean active) {
    }

    record ServiceRow(long id, long idStructure, String code, String libelle, boolean actif, LocalDate dateDebut) {
    }

    long countStructures() {
        return jdbc.sql("SELECT count(*) FROM chorus_emulator.structure").query(Long.class).single();
    }

    long insertStructure(String siret, String designation, boolean publique, boolean destinataire, boolean fournisseur,
                         boolean serviceObligatoire, boolean ejObligatoire) {
        return jdbc.sql("""
                INSERT INTO chorus_emulator.structure (identifiant, designation, publique, compte_destinataire,
                    compte_fournisseur, service_obligatoire, ej_obligatoire)
                VALUES (:siret, :designation, :publique, :destinataire, :fournisseur, :service, :ej)
                RETURNING id_structure_cpp""")
                .param("siret", siret).param("designation", designation).param("publique", publique)
                .param("destinataire", destinataire).param("fournisseur", fournisseur)
                .param("service", serviceObligatoire).param("ej", ejObligatoire)
                .query(Long.class).single();
    }

    long insertService(long idStructure, String code, String libelle, boolean actif) {
        return jdbc.sql("""
                INSERT INTO chorus_emulator.service (id_structure, code, libelle, actif)
                VALUES (:structure, :code, :libelle, :actif) RETURNING id_service""")
                .param("structure", idStructure).param("code", code).param("libelle", libelle).param("actif", actif)
                .query(Long.class).single();
    }

    List<Structure> structures(String where) {
        return jdbc.sql("SELECT * FROM chorus_emulator.structure WHERE " + where + " ORDER BY id_structure_cpp")
                .query(EmulatorStore::structure).list();
    }

    Optional<Structure> structure(long id) {
        return jdbc.sql("SELECT * FROM chorus_emulator.structure WHERE id_structure_cpp = :id")
                .param("id", id).query(EmulatorStore::structure).optional();
    }

    Optional<Structure> structureByIdentifiant(String identifiant) {
        return jdbc.sql("SELECT * FROM chorus_emulator.structure WHERE identifiant = :id")
                .param("id", identifiant).query(EmulatorStore::structure).optional();
    }

    List<ServiceRow> services(long idStructure) {
        return jdbc.sql("SELECT * FROM chorus_emulator.service WHERE id_structure = :id ORDER BY code")
                .param("id", idStructure).query(EmulatorStore::service).list();
    }

    Optional<ServiceRow> serviceByCode(long idStructure, String code) {
        return jdbc.sql("SELECT * FROM chorus_emulator.service WHERE id_structure = :id AND code = :code")
                .param("id", idStructure).param("code", code).query(EmulatorStore::service).optional();
    }

    private static Structure structure(ResultSet rs, int n) throws SQLException {
        return new Structure(rs.getLong("id_structure_cpp"), rs.getString("identifiant"),
                rs.getString("type_identifiant"), rs.getString("designation"), rs.getBoolean("publique"),
                rs.getBoolean("compte_destinataire"), rs.getBoolean("compte_fournisseur"),
                rs.getBoolean("service_obligatoire"), rs.getBoolean("ej_obligatoire"), rs.getBoolean("ej_ou_service"),
                rs.getBoolean("active"));
    }

    private static ServiceRow service(ResultSet rs, int n) throws SQLException {
        return new ServiceRow(rs.getLong("id_service"), rs.getLong("id_structure"), rs.getString("code"),
                rs.getString("libelle"), rs.getBoolean("actif"), rs.getObject("date_debut", LocalDate.class));
    }

    // --- invoices -------------------------------------------------------------------------------

    record NewFacture(String numero, long idFournisseur, long idDestinataire, Long idService, String typeFacture,
                      LocalDate dateFacture, LocalDate dateDepot, LocalDate dateEcheance, BigDecimal montantHt,
                      BigDecimal montantTva, BigDecimal montantTtc, String numeroBonCommande, String statut,
                      OffsetDateTime dateHeureEtatCourant, String modeDepot, String numeroFlux, byte[] pdf) {
    }

    record Facture(long id, String numero, long idFournisseur, long idDestinataire, Long idService, String typeFacture,
                   LocalDate dateFacture, LocalDate dateDepot, LocalDate dateEcheance, String devise,
                   BigDecimal montantHt, BigDecimal montantTva, BigDecimal montantTtc, BigDecimal montantAPayer,
                   String numeroBonCommande, String numeroMarche, String statut, OffsetDateTime dateHeureEtatCourant,
                   String commentaireEtat, boolean telechargee, String modeDepot, String numeroFlux,
                   String fournisseurIdentifiant, String fournisseurDesignation, String destinataireIdentifiant,
                   String destinataireDesignation, String serviceCode, String serviceLibelle) {
    }

    /** An invoice as the control API lists it: who, how much, where it stands. */
    record Listed(long idFacture, String numeroFacture, String fournisseur, String destinataire, String codeService,
                  java.math.BigDecimal montantTtc, String numeroBonCommande, String statut,
                  java.time.OffsetDateTime dateStatut, boolean telechargee) {
    }

    /** The invoices, the most recent first; {@code statut} (optional) keeps those in that status. */
    List<Listed> listFactures(String statut, int limit) {
        return jdbc.sql("""
                        SELECT f.id_facture, f.numero, fo.designation AS fournisseur, de.designation AS destinataire,
                               s.code AS code_service, f.montant_ttc, f.numero_bon_commande, f.statut,
                               f.date_heure_etat_courant, f.telechargee
                        FROM chorus_emulator.facture f
                        JOIN chorus_emulator.structure fo ON fo.id_structure_cpp = f.id_fournisseur
                        JOIN chorus_emulator.structure de ON de.id_structure_cpp = f.id_destinataire
                        LEFT JOIN chorus_emulator.service s ON s.id_service = f.id_service
                        WHERE CAST(:statut AS VARCHAR) IS NULL OR f.statut = :statut
                        ORDER BY f.id_facture DESC LIMIT :limit""")
                .param("statut", statut).param("limit", limit)
                .query((rs, n) -> new Listed(rs.getLong("id_facture"), rs.getString("numero"),
                        rs.getString("fournisseur"), rs.getString("destinataire"), rs.getString("code_service"),
                        rs.getBigDecimal("montant_ttc"), rs.getString("numero_bon_commande"), rs.getString("statut"),
                        rs.getObject("date_heure_etat_courant", java.time.OffsetDateTime.class),
                        rs.getBoolean("telechargee")))
                .list();
    }

    long countFactures() {
        return jdbc.sql("SELECT count(*) FROM chorus_emulator.facture").query(Long.class).single();
    }

    /** Inserts the invoice and its first status; empty when the supplier already used that number. */
    Optional<Long> insertFacture(NewFacture f) {
        Optional<Long> id = jdbc.sql("""
                INSERT INTO chorus_emulator.facture (numero, id_fournisseur, id_destinataire, id_service, type_facture,
                    date_facture, date_depot, date_echeance, montant_ht, montant_tva, montant_ttc, montant_a_payer,
                    numero_bon_commande, statut, date_heure_etat_courant, mode_depot, numero_flux, pdf)
                VALUES (:numero, :fournisseur, :destinataire, :service, :type, :dateFacture, :dateDepot, :echeance,
                    :ht, :tva, :ttc, :ttc, :ej, :statut, :etat, :mode, :flux, :pdf)
                ON CONFLICT (id_fournisseur, numero) DO NOTHING
                RETURNING id_facture""")
                .param("numero", f.numero()).param("fournisseur", f.idFournisseur())
                .param("destinataire", f.idDestinataire()).param("service", f.idService())
                .param("type", f.typeFacture()).param("dateFacture", f.dateFacture()).param("dateDepot", f.dateDepot())
                .param("echeance", f.dateEcheance()).param("ht", f.montantHt()).param("tva", f.montantTva())
                .param("ttc", f.montantTtc()).param("ej", f.numeroBonCommande()).param("statut", f.statut())
                .param("etat", f.dateHeureEtatCourant()).param("mode", f.modeDepot()).param("flux", f.numeroFlux())
                .param("pdf", f.pdf())
                .query(Long.class).optional();
        id.ifPresent(value -> insertHistorique(value, f.statut(), f.dateHeureEtatCourant(), null));
        return id;
    }

    Optional<Facture> facture(long id) {
        return jdbc.sql("SELECT " + FACTURE_COLUMNS + FACTURE_FROM + " WHERE f.id_facture = :id")
                .param("id", id).query(EmulatorStore::facture).optional();
    }

    /** Locks the invoice row until the end of the transaction (status changes are serialised). */
    Optional<Facture> factureForUpdate(long id) {
        return jdbc.sql("SELECT " + FACTURE_COLUMNS + FACTURE_FROM + " WHERE f.id_facture = :id FOR UPDATE OF f")
                .param("id", id).query(EmulatorStore::facture).optional();
    }

    record Page(List<Facture> items, long total) {
    }

    /** Received invoices of one recipient, filtered, oldest state change first. */
    Page searchReceived(Long idDestinataire, Long idService, OffsetDateTime du, OffsetDateTime au, String statut,
                        String numero, Boolean telechargee, int offset, int limit) {
        String where = """
                 WHERE (CAST(:dest AS BIGINT) IS NULL OR f.id_destinataire = :dest)
                  AND sd.compte_destinataire
                  AND (CAST(:service AS BIGINT) IS NULL OR f.id_service = :service)
                  AND (CAST(:du AS TIMESTAMPTZ) IS NULL OR f.date_heure_etat_courant >= :du)
                  AND (CAST(:au AS TIMESTAMPTZ) IS NULL OR f.date_heure_etat_courant <= :au)
                  AND (CAST(:statut AS VARCHAR) IS NULL OR f.statut = :statut)
                  AND (CAST(:numero AS VARCHAR) IS NULL OR f.numero = :numero)
                  AND (CAST(:telechargee AS BOOLEAN) IS NULL OR f.telechargee = :telechargee)""";
        long total = jdbc.sql("SELECT count(*)" + FACTURE_FROM + " " + where)
                .param("dest", idDestinataire).param("service", idService).param("du", du).param("au", au)
                .param("statut", statut).param("numero", numero).param("telechargee", telechargee)
                .query(Long.class).single();
        List<Facture> items = jdbc.sql("SELECT " + FACTURE_COLUMNS + FACTURE_FROM + " " + where
                        + " ORDER BY f.date_heure_etat_courant, f.id_facture LIMIT :limit OFFSET :offset")
                .param("dest", idDestinataire).param("service", idService).param("du", du).param("au", au)
                .param("statut", statut).param("numero", numero).param("telechargee", telechargee)
                .param("limit", limit).param("offset", offset)
                .query(EmulatorStore::facture).list();
        return new Page(items, total);
    }

    /** Emitted invoices of the account's supplier structures. */
    Page searchEmitted(String numeroFlux, Long idFournisseur, String numero, int offset, int limit) {
        String where = """
                 WHERE sf.compte_fournisseur
                  AND (CAST(:flux AS VARCHAR) IS NULL OR f.numero_flux = :flux)
                  AND (CAST(:fournisseur AS BIGINT) IS NULL OR f.id_fournisseur = :fournisseur)
                  AND (CAST(:numero AS VARCHAR) IS NULL OR f.numero = :numero)""";
        long total = jdbc.sql("SELECT count(*)" + FACTURE_FROM + " " + where)
                .param("flux", numeroFlux).param("fournisseur", idFournisseur).param("numero", numero)
                .query(Long.class).single();
        List<Facture> items = jdbc.sql("SELECT " + FACTURE_COLUMNS + FACTURE_FROM + " " + where
                        + " ORDER BY f.id_facture LIMIT :limit OFFSET :offset")
                .param("flux", numeroFlux).param("fournisseur", idFournisseur).param("numero", numero)
                .param("limit", limit).param("offset", offset)
                .query(EmulatorStore::facture).list();
        return new Page(items, total);
    }

    byte[] pdf(long idFacture) {
        return jdbc.sql("SELECT pdf FROM chorus_emulator.facture WHERE id_facture = :id")
                .param("id", idFacture).query(byte[].class).single();
    }

    /** The total TTC its PIVOT file gives instead of the invoice's (fault injection), if set. */
    Optional<BigDecimal> pivotMontantTtc(long idFacture) {
        return jdbc.sql("SELECT pivot_montant_ttc FROM chorus_emulator.facture WHERE id_facture = :id")
                .param("id", idFacture).query((rs, n) -> rs.getBigDecimal(1)).optional()
                .filter(Objects::nonNull);
    }

    void setPivotMontantTtc(long idFacture, BigDecimal montantTtc) {
        jdbc.sql("UPDATE chorus_emulator.facture SET pivot_montant_ttc = :ttc WHERE id_facture = :id")
                .param("ttc", montantTtc).param("id", idFacture).update();
    }

    /** The structure's legal commitments in the given state (reference §5.5). */
    List<String> engagements(long idStructureCpp, String numero, String etat) {
        return jdbc.sql("""
                SELECT numero FROM chorus_emulator.engagement
                WHERE id_structure_cpp = :structure AND numero = :numero AND (CAST(:etat AS VARCHAR) IS NULL OR etat = :etat)""")
                .param("structure", idStructureCpp).param("numero", numero).param("etat", etat)
                .query(String.class).list();
    }

    void insertEngagement(long idStructureCpp, String numero) {
        jdbc.sql("""
                INSERT INTO chorus_emulator.engagement (id_structure_cpp, numero) VALUES (:structure, :numero)
                ON CONFLICT DO NOTHING""")
                .param("structure", idStructureCpp).param("numero", numero).update();
    }

    void markDownloaded(long idFacture) {
        jdbc.sql("UPDATE chorus_emulator.facture SET telechargee = TRUE WHERE id_facture = :id")
                .param("id", idFacture).update();
    }

    /** Who set a status, as Chorus Pro's history names them (both null: not said). */
    record Auteur(String prenom, String nom) {
        static final Auteur NONE = new Auteur(null, null);
    }

    void changeStatus(long idFacture, String statut, String commentaire, OffsetDateTime when) {
        changeStatus(idFacture, statut, commentaire, when, Auteur.NONE);
    }

    void changeStatus(long idFacture, String statut, String commentaire, OffsetDateTime when, Auteur auteur) {
        jdbc.sql("""
                UPDATE chorus_emulator.facture SET statut = :statut, commentaire_etat = :commentaire,
                    date_heure_etat_courant = :when WHERE id_facture = :id""")
                .param("statut", statut).param("commentaire", commentaire).param("when", when).param("id", idFacture)
                .update();
        insertHistorique(idFacture, statut, when, commentaire, auteur);
    }

    private void insertHistorique(long idFacture, String statut, OffsetDateTime when, String commentaire) {
        insertHistorique(idFacture, statut, when, commentaire, Auteur.NONE);
    }

    private void insertHistorique(long idFacture, String statut, OffsetDateTime when, String commentaire,
                                  Auteur auteur) {
        jdbc.sql("""
                INSERT INTO chorus_emulator.historique (id_facture, statut, date_passage, commentaire,
                    utilisateur_prenom, utilisateur_nom)
                VALUES (:id, :statut, :when, :commentaire, :prenom, :nom)""")
                .param("id", idFacture).param("statut", statut).param("when", when).param("commentaire", commentaire)
                .param("prenom", auteur.prenom()).param("nom", auteur.nom())
                .update();
    }

    record Historique(long id, String statut, OffsetDateTime datePassage, String commentaire, Auteur auteur) {
    }

    /** Newest first, as Chorus Pro answers. */
    List<Historique> historique(long idFacture) {
        return jdbc.sql("""
                SELECT id, statut, date_passage, commentaire, utilisateur_prenom, utilisateur_nom
                FROM chorus_emulator.historique
                WHERE id_facture = :id ORDER BY date_passage DESC, id DESC""")
                .param("id", idFacture)
                .query((rs, n) -> new Historique(rs.getLong("id"), rs.getString("statut"),
                        rs.getObject("date_passage", OffsetDateTime.class), rs.getString("commentaire"),
                        new Auteur(rs.getString("utilisateur_prenom"), rs.getString("utilisateur_nom"))))
                .list();
    }

    private static Facture facture(ResultSet rs, int n) throws SQLException {
        return new Facture(rs.getLong("id_facture"), rs.getString("numero"), rs.getLong("id_fournisseur"),
                rs.getLong("id_destinataire"), rs.getObject("id_service", Long.class), rs.getString("type_facture"),
                rs.getObject("date_facture", LocalDate.class), rs.getObject("date_depot", LocalDate.class),
                rs.getObject("date_echeance", LocalDate.class), rs.getString("devise"), rs.getBigDecimal("montant_ht"),
                rs.getBigDecimal("montant_tva"), rs.getBigDecimal("montant_ttc"), rs.getBigDecimal("montant_a_payer"),
                rs.getString("numero_bon_commande"), rs.getString("numero_marche"), rs.getString("statut"),
                rs.getObject("date_heure_etat_courant", OffsetDateTime.class), rs.getString("commentaire_etat"),
                rs.getBoolean("telechargee"), rs.getString("mode_depot"), rs.getString("numero_flux"),
                rs.getString("fournisseur_identifiant"), rs.getString("fournisseur_designation"),
                rs.getString("destinataire_identifiant"), rs.getString("destinataire_designation"),
                rs.getString("service_code"), rs.getString("service_libelle"));
    }

    // --- attachments and flux -------------------------------------------------------------------

    long insertPieceJointe(String nom, String typeMime, String extension, byte[] contenu, Long idFacture,
                           String typeCode) {
        return jdbc.sql("""
                INSERT INTO chorus_emulator.piece_jointe (nom, type_mime, extension, contenu, id_facture, type_code)
                VALUES (:nom, :mime, :ext, :contenu, :facture, :type) RETURNING id""")
                .param("nom", nom).param("mime", typeMime).param("ext", extension).param("contenu", contenu)
                .param("facture", idFacture).param("type", typeCode)
                .query(Long.class).single();
    }

    Optional<byte[]> pieceJointe(long id) {
        return jdbc.sql("SELECT contenu FROM chorus_emulator.piece_jointe WHERE id = :id")
                .param("id", id).query(byte[].class).optional();
    }

    void attachToFacture(long idPieceJointe, long idFacture, String typeCode) {
        jdbc.sql("UPDATE chorus_emulator.piece_jointe SET id_facture = :facture, type_code = :type WHERE id = :id")
                .param("facture", idFacture).param("type", typeCode).param("id", idPieceJointe).update();
    }

    record PieceJointeRow(long id, String nom, String extension, String typeCode) {
    }

    List<PieceJointeRow> piecesJointes(long idFacture) {
        return jdbc.sql("""
                SELECT id, nom, extension, type_code FROM chorus_emulator.piece_jointe
                WHERE id_facture = :id ORDER BY id""")
                .param("id", idFacture)
                .query((rs, n) -> new PieceJointeRow(rs.getLong("id"), rs.getString("nom"), rs.getString("extension"),
                        rs.getString("type_code")))
                .list();
    }

    record Flux(String numero, String nomFichier, String syntaxe, byte[] contenu, OffsetDateTime dateDepot,
                String etat, OffsetDateTime dateEtat, int consultations, String erreursDp, String erreurTechnique) {
    }

    String nextFluxNumber() {
        long n = jdbc.sql("SELECT nextval('chorus_emulator.flux_seq')").query(Long.class).single();
        return String.format("CPP%022d", n);
    }

    void insertFlux(String numero, String nomFichier, String syntaxe, byte[] contenu, OffsetDateTime when) {
        jdbc.sql("""
                INSERT INTO chorus_emulator.flux (numero, nom_fichier, syntaxe, contenu, date_depot, etat, date_etat)
                VALUES (:numero, :nom, :syntaxe, :contenu, :when, 'IN_RECU', :when)""")
                .param("numero", numero).param("nom", nomFichier).param("syntaxe", syntaxe).param("contenu", contenu)
                .param("when", when).update();
    }

    Optional<Flux> fluxForUpdate(String numero) {
        return jdbc.sql("SELECT * FROM chorus_emulator.flux WHERE numero = :numero FOR UPDATE")
                .param("numero", numero)
                .query((rs, n) -> new Flux(rs.getString("numero"), rs.getString("nom_fichier"), rs.getString("syntaxe"),
                        rs.getBytes("contenu"), rs.getObject("date_depot", OffsetDateTime.class), rs.getString("etat"),
                        rs.getObject("date_etat", OffsetDateTime.class), rs.getInt("consultations"),
                        rs.getString("erreurs_dp"), rs.getString("erreur_technique")))
                .optional();
    }

    void updateFlux(String numero, String etat, OffsetDateTime when, int consultations, String erreursDp,
                    String erreurTechnique) {
        jdbc.sql("""
                UPDATE chorus_emulator.flux SET etat = :etat, date_etat = :when, consultations = :consultations,
                    erreurs_dp = :erreurs, erreur_technique = :technique WHERE numero = :numero""")
                .param("etat", etat).param("when", when).param("consultations", consultations)
                .param("erreurs", erreursDp).param("technique", erreurTechnique).param("numero", numero).update();
    }
}
