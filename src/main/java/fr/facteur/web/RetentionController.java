package fr.facteur.web;

import fr.facteur.invoice.InvoiceRepository;
import fr.facteur.invoice.InvoiceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the retention rule allows to destroy: the invoices whose retention ended (each was filed in the
 * GED with its day when it reached a final state). A list for the person who decides: Facteur itself
 * never destroys anything.
 */
@RestController
@Tag(name = "GED")
@Validated
public class RetentionController {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final InvoiceService invoices;

    public RetentionController(InvoiceService invoices) {
        this.invoices = invoices;
    }

    /** A page of invoices that may be destroyed on {@code day}. */
    public record DestroyablePage(LocalDate day, List<InvoiceRepository.Destroyable> invoices) {
    }

    @Operation(summary = "Factures dont la durée de conservation est échue",
            description = "Les factures arrivées à un statut final dont la date de conservation (retainUntil, règle "
                    + "facteur.retention) est passée le jour donné (aujourd'hui par défaut) : elles PEUVENT être détruites, "
                    + "par une personne ; Facteur ne détruit rien. Les plus anciennes d'abord.")
    @GetMapping("/api/archive/destroyable")
    public DestroyablePage destroyable(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        LocalDate on = day == null ? LocalDate.now(PARIS) : day;
        return new DestroyablePage(on, invoices.destroyable(on, page, size));
    }
}
