package fr.facteur.chorus.emulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The checks Chorus Pro makes on an invoice a supplier deposits (by flux or by soumettre), and the
 * creation of the invoice in the recipient's inbox when they pass. Reasons are in plain French,
 * as the deposit report shows them.
 */
@Component
@ConditionalOnEmulator
class EmulatorDeposits {

    /** What a deposit says of the invoice. */
    record Deposit(long idFournisseur, String numero, String typeFacture, LocalDate dateFacture,
                   LocalDate dateEcheance, String siretDestinataire, String codeService, String numeroEngagement,
                   BigDecimal montantHt, BigDecimal montantTva, BigDecimal montantTtc, String modeDepot,
                   String numeroFlux, byte[] pdf) {
    }

    /** Either the new invoice's id, or the reasons it was refused. */
    record Outcome(Long idFacture, List<String> erreurs) {

        boolean accepted() {
            return idFacture != null;
        }
    }

    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private final EmulatorStore store;

    EmulatorDeposits(EmulatorStore store) {
        this.store = store;
    }

    Outcome deposit(Deposit d) {
        List<String> erreurs = new ArrayList<>();
        if (d.numero() == null || d.numero().isBlank()) {
            erreurs.add("Le numéro de facture est obligatoire");
        } else if (d.numero().length() > 20 || !d.numero().matches("[A-Za-z0-9_/+\\-]+")) {
            erreurs.add("Le numéro de facture « " + d.numero() + " » doit faire au plus 20 caractères parmi "
                    + "lettres, chiffres et - _ / +");
        }
        if (d.dateFacture() == null) {
            erreurs.add("La date de facture est obligatoire");
        }
        Optional<EmulatorStore.Structure> recipient = d.siretDestinataire() == null ? Optional.empty()
                : store.structureByIdentifiant(d.siretDestinataire()).filter(EmulatorStore.Structure::publique);
        Long idService = null;
        if (recipient.isEmpty()) {
            erreurs.add("Le destinataire " + (d.siretDestinataire() == null ? "(SIRET absent)" : d.siretDestinataire())
                    + " n'est pas une structure publique connue de Chorus Pro");
        } else if (!recipient.get().active()) {
            erreurs.add("Le destinataire " + d.siretDestinataire() + " n'est plus actif");
        } else {
            EmulatorStore.Structure structure = recipient.get();
            boolean hasService = d.codeService() != null && !d.codeService().isBlank();
            boolean hasEngagement = d.numeroEngagement() != null && !d.numeroEngagement().isBlank();
            if (hasService) {
                Optional<EmulatorStore.ServiceRow> service = store.serviceByCode(structure.id(), d.codeService());
                if (service.isEmpty()) {
                    erreurs.add("Le code service « " + d.codeService() + " » n'existe pas chez le destinataire");
                } else if (!service.get().actif()) {
                    erreurs.add("Le service « " + d.codeService() + " » du destinataire est inactif");
                } else {
                    idService = service.get().id();
                }
            } else if (structure.serviceObligatoire()) {
                erreurs.add("Le destinataire exige un code service");
            }
            if (structure.ejObligatoire() && !hasEngagement) {
                erreurs.add("Le destinataire exige un numéro d'engagement juridique (bon de commande)");
            }
            if (structure.ejOuService() && !hasService && !hasEngagement) {
                erreurs.add("Le destinataire exige un code service ou un numéro d'engagement");
            }
        }
        if (d.montantHt() == null || d.montantTva() == null || d.montantTtc() == null) {
            erreurs.add("Les montants HT, TVA et TTC sont obligatoires");
        } else if (d.montantHt().add(d.montantTva()).subtract(d.montantTtc()).abs().compareTo(TOLERANCE) > 0) {
            erreurs.add("Montants incohérents : HT " + d.montantHt() + " + TVA " + d.montantTva() + " ≠ TTC "
                    + d.montantTtc());
        }
        if (!erreurs.isEmpty()) {
            return new Outcome(null, erreurs);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<Long> id = store.insertFacture(new EmulatorStore.NewFacture(d.numero(), d.idFournisseur(),
                recipient.get().id(), idService, d.typeFacture(), d.dateFacture(), now.toLocalDate(), d.dateEcheance(),
                d.montantHt(), d.montantTva(), d.montantTtc(), d.numeroEngagement(), "MISE_A_DISPOSITION", now,
                d.modeDepot(), d.numeroFlux(), d.pdf()));
        return id.map(value -> new Outcome(value, List.of())).orElseGet(() -> new Outcome(null,
                List.of("Le numéro de facture " + d.numero() + " a déjà été utilisé par ce fournisseur")));
    }
}
