package fr.facteur.chorus.api;

import fr.facteur.chorus.api.Factures.CompleterFactureRequest;
import fr.facteur.chorus.api.Factures.CompleterFactureResponse;
import fr.facteur.chorus.api.Factures.ConsulterFactureResponse;
import fr.facteur.chorus.api.Factures.ConsulterFournisseurRequest;
import fr.facteur.chorus.api.Factures.ConsulterHistoriqueRequest;
import fr.facteur.chorus.api.Factures.ConsulterHistoriqueResponse;
import fr.facteur.chorus.api.Factures.ConsulterRecipiendaireRequest;
import fr.facteur.chorus.api.Factures.DeposerFluxRequest;
import fr.facteur.chorus.api.Factures.DeposerFluxResponse;
import fr.facteur.chorus.api.Factures.DeposerPdfRequest;
import fr.facteur.chorus.api.Factures.DeposerPdfResponse;
import fr.facteur.chorus.api.Factures.RechercheFournisseurRequest;
import fr.facteur.chorus.api.Factures.RechercheFournisseurResponse;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireRequest;
import fr.facteur.chorus.api.Factures.RechercheRecipiendaireResponse;
import fr.facteur.chorus.api.Factures.SoumettreFactureRequest;
import fr.facteur.chorus.api.Factures.SoumettreFactureResponse;
import fr.facteur.chorus.api.Factures.TelechargerGroupeRequest;
import fr.facteur.chorus.api.Factures.TelechargerGroupeResponse;
import fr.facteur.chorus.api.Factures.TraiterFactureRecueRequest;
import fr.facteur.chorus.api.Factures.TraiterFactureRecueResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code /cpro/factures/v1}: every operation is a POST with a JSON body. */
public interface FacturesApi {

    String BASE = "/cpro/factures/v1";

    @PostMapping(BASE + "/rechercher/recipiendaire")
    RechercheRecipiendaireResponse rechercherRecipiendaire(@RequestBody RechercheRecipiendaireRequest request);

    @PostMapping(BASE + "/consulter/recipiendaire")
    ConsulterFactureResponse consulterRecipiendaire(@RequestBody ConsulterRecipiendaireRequest request);

    @PostMapping(BASE + "/telecharger/groupe")
    TelechargerGroupeResponse telechargerGroupe(@RequestBody TelechargerGroupeRequest request);

    @PostMapping(BASE + "/consulter/historique")
    ConsulterHistoriqueResponse consulterHistorique(@RequestBody ConsulterHistoriqueRequest request);

    @PostMapping(BASE + "/traiter/recue")
    TraiterFactureRecueResponse traiterRecue(@RequestBody TraiterFactureRecueRequest request);

    @PostMapping(BASE + "/deposer/flux")
    DeposerFluxResponse deposerFlux(@RequestBody DeposerFluxRequest request);

    @PostMapping(BASE + "/rechercher/fournisseur")
    RechercheFournisseurResponse rechercherFournisseur(@RequestBody RechercheFournisseurRequest request);

    @PostMapping(BASE + "/consulter/fournisseur")
    ConsulterFactureResponse consulterFournisseur(@RequestBody ConsulterFournisseurRequest request);

    @PostMapping(BASE + "/deposer/pdf")
    DeposerPdfResponse deposerPdf(@RequestBody DeposerPdfRequest request);

    @PostMapping(BASE + "/soumettre")
    SoumettreFactureResponse soumettre(@RequestBody SoumettreFactureRequest request);

    @PostMapping(BASE + "/completer")
    CompleterFactureResponse completer(@RequestBody CompleterFactureRequest request);
}
