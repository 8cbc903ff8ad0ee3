package fr.facteur.web;

import fr.facteur.capture.IntakeRequest;
import fr.facteur.capture.IntakeResult;
import fr.facteur.capture.IntakeService;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.ChorusStep;
import fr.facteur.invoice.Direction;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.invoice.InvoiceSummary;
import fr.facteur.invoice.ReadingMarks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/invoices")
@Tag(name = "Factures")
@Validated
public class InvoiceController {

    private final IntakeService intake;
    private final InvoiceService invoices;
    private final InvoiceSummary summary;
    private final ReadingMarks readingMarks;

    public InvoiceController(IntakeService intake, InvoiceService invoices, InvoiceSummary summary,
                             ReadingMarks readingMarks) {
        this.intake = intake;
        this.invoices = invoices;
        this.summary = summary;
        this.readingMarks = readingMarks;
    }

    @Operation(summary = "Déposer une facture",
            description = "Stocke le document, crée la facture et démarre son circuit. Le même fichier déposé deux fois"
                    + " renvoie la facture existante (200) sans doublon.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<InvoiceJson> upload(@RequestParam("file") MultipartFile file,
                                              @RequestParam(defaultValue = "RECEIVED") Direction direction,
                                              Principal principal) throws IOException {
        IntakeResult result = intake.receive(new IntakeRequest(file.getBytes(), file.getOriginalFilename(), direction,
                Channel.UPLOAD, principal.getName()));
        InvoiceJson body = InvoiceJson.of(result.invoice());
        URI location = URI.create("/api/invoices/" + result.invoice().id());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(location)
                .body(body);
    }

    @Operation(summary = "Lister les factures", description = "Les plus récentes d'abord ; filtres facultatifs.")
    @GetMapping
    public InvoicePage list(@RequestParam(required = false) InvoiceStatus status,
                            @RequestParam(required = false) Direction direction,
                            @RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return new InvoicePage(
                invoices.list(status, direction, page, size).stream().map(InvoiceJson::of).toList(),
                invoices.count(status, direction));
    }

    @Operation(summary = "Où en sont les factures reçues : nombres et montants par statut, en retard, en litige, payées ce mois")
    @GetMapping("/summary")
    public InvoiceSummary.Summary summary() {
        return summary.received();
    }

    @Operation(summary = "Ajouter un document à une facture",
            description = "Pièce justificative (bon de livraison, devis signé, courrier…) groupée avec la facture et"
                    + " classée avec elle : PDF, PNG, JPEG, TIFF, XML ou texte. Le même fichier ajouté deux fois n'est"
                    + " gardé qu'une fois (200 au lieu de 201).")
    @PostMapping(path = "/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<InvoiceJson.DocumentJson> addDocument(@PathVariable long id,
                                                                @RequestParam("file") MultipartFile file,
                                                                Principal principal) throws IOException {
        IntakeService.SupportingDocumentResult result = intake.addSupportingDocument(id, file.getBytes(),
                file.getOriginalFilename(), principal.getName());
        InvoiceJson.DocumentJson body = InvoiceJson.DocumentJson.of(result.document());
        return ResponseEntity.status(result.added() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create(body.href()))
                .body(body);
    }

    @Operation(summary = "Consulter une facture", description = "Données, statuts, historique et documents.")
    @GetMapping("/{id}")
    public InvoiceJson get(@PathVariable long id) {
        Invoice invoice = invoices.get(id);
        return InvoiceJson.of(invoice, invoices.history(id), invoices.documents(id));
    }

    @Operation(summary = "Historique Chorus Pro d'une facture reçue",
            description = "Chaque statut par lequel elle est passée sur Chorus Pro, même entre deux relèves, avec sa date,"
                    + " son auteur et son commentaire (motif d'une suspension, note du fournisseur qui l'a complétée), tel"
                    + " que Chorus Pro le donne (consulter/historique), lu quand la relève voit son statut changer.")
    @GetMapping("/{id}/chorus-history")
    public List<ChorusStep> chorusHistory(@PathVariable long id) {
        invoices.get(id);
        return invoices.chorusSteps(id);
    }

    @Operation(summary = "Comment les champs ont été lus",
            description = "La source de la lecture (FACTURX, CII, UBL, TEXT, OCR ; null pour des données Chorus Pro) et,"
                    + " par champ, une marque : DOUBTFUL (lu avec une confiance faible) ou PROVEN (prouvé par un"
                    + " contrôle de la facture : montants, clé SIRET, TVA ↔ SIREN).")
    @GetMapping("/{id}/reading")
    public ReadingMarks.Reading reading(@PathVariable long id) {
        return readingMarks.of(id);
    }
}
