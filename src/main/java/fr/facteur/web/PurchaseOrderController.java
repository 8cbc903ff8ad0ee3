package fr.facteur.web;

import fr.facteur.purchasing.PurchaseOrder;
import fr.facteur.purchasing.PurchaseOrderMatch;
import fr.facteur.purchasing.PurchasingService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import java.security.Principal;
import fr.facteur.purchasing.PurchaseOrderChange;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/purchase-orders")
@Tag(name = "Commandes (engagements juridiques)")
public class PurchaseOrderController {

    private final PurchasingService purchasing;

    public PurchaseOrderController(PurchasingService purchasing) {
        this.purchasing = purchasing;
    }

    @Operation(summary = "Importer des commandes (CSV)", description = "Colonnes numero;siret_fournisseur;code_service;"
            + "libelle;montant_commande;montant_facture (séparateur ; ou ,). Tout ou rien : une ligne fausse, rien n'est importé.")
    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public ResponseEntity<PurchasingService.ImportReport> importCsv(@RequestBody String csv, Principal user) {
        return answer(purchasing.importCsv(new StringReader(csv), user.getName()));
    }

    @Operation(summary = "Importer des commandes (fichier CSV)")
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<PurchasingService.ImportReport> importFile(@RequestParam("file") MultipartFile file,
                                                                     Principal user) throws IOException {
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            return answer(purchasing.importCsv(reader, user.getName()));
        }
    }

    @Operation(summary = "Lister les commandes")
    @GetMapping
    public List<PurchaseOrder> list(@RequestParam(required = false) String supplierSiret) {
        return purchasing.list(supplierSiret, 1000);
    }

    @Operation(summary = "Historique d'une commande", description = "Qui l'a créée ou modifiée, quand, valeurs avant et après.")
    @GetMapping("/{number}/changes")
    public List<PurchaseOrderChange> changes(@PathVariable String number) {
        return purchasing.changes(number);
    }

    @Operation(summary = "Rapprocher une facture d'une commande", description = "Sans rien enregistrer.")
    @GetMapping("/match")
    public PurchaseOrderMatch match(@RequestParam(required = false) String orderNumber,
                                    @RequestParam(required = false) String supplierSiret,
                                    @RequestParam(required = false) String serviceCode,
                                    @RequestParam(required = false) BigDecimal amount) {
        return purchasing.match(orderNumber, supplierSiret, serviceCode, amount);
    }

    private static ResponseEntity<PurchasingService.ImportReport> answer(PurchasingService.ImportReport report) {
        return report.accepted() ? ResponseEntity.ok(report) : ResponseEntity.badRequest().body(report);
    }
}
