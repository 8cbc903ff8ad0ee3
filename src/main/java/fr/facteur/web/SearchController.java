package fr.facteur.web;

import fr.facteur.invoice.InvoiceSearch;
import fr.facteur.invoice.InvoiceStatus;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Full-text search over invoices: their data and the text of their documents. */
@RestController
@Validated
public class SearchController {

    private static final int MAX_QUERY = 500;

    private final InvoiceSearch search;

    public SearchController(InvoiceSearch search) {
        this.search = search;
    }

    /** One invoice found; {@code highlight} shows the matching passage (« » around the words). */
    public record SearchItem(long id, String invoiceNumber, String supplierName, InvoiceStatus status, double rank,
                             String highlight) {
    }

    public record SearchResult(List<SearchItem> items, int total) {
    }

    @Operation(summary = "Rechercher des factures (données et texte des documents, en français, sans tenir compte des accents)")
    @GetMapping("/api/search")
    public SearchResult search(@RequestParam("q") String query,
                               @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        if (query.codePoints().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
            throw new BadRequestException("La recherche contient un caractère de contrôle (par exemple un octet nul) :"
                    + " saisissez du texte.");
        }
        if (query.length() > MAX_QUERY) {
            throw new BadRequestException("La recherche est trop longue (" + MAX_QUERY + " caractères au plus).");
        }
        List<InvoiceSearch.Found> found = search.search(query);
        List<SearchItem> items = found.stream()
                .limit(limit)
                .map(hit -> new SearchItem(hit.invoice().id(), hit.invoice().index().invoiceNumber(),
                        hit.invoice().index().supplierName(), hit.invoice().status(),
                        Math.round(hit.rank() * 1000) / 1000.0, hit.highlight()))
                .toList();
        return new SearchResult(items, found.size());
    }
}
