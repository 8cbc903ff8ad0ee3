package fr.facteur.invoice;

import fr.facteur.identifiers.Siret;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finds an invoice that is probably the same as another one arrived by another channel (or twice
 * by the same one, as a different file): same supplier (SIRET, else VAT number), same invoice
 * number once normalised (case, spaces and separators, the letter O read as zero), same issue
 * date and same total with VAT.
 */
@Service
public class DuplicateDetector {

    private final JdbcClient jdbc;
    private final InvoiceRepository invoices;

    public DuplicateDetector(JdbcClient jdbc, InvoiceRepository invoices) {
        this.jdbc = jdbc;
        this.invoices = invoices;
    }

    public Optional<Invoice> suspectedDuplicateOf(long invoiceId) {
        Invoice invoice = invoices.find(invoiceId).orElseThrow(() -> new InvoiceNotFoundException(invoiceId));
        InvoiceIndex ix = invoice.index();
        String supplier = supplierKey(ix);
        String number = numberKey(ix.invoiceNumber());
        if (supplier == null || number == null || ix.issueDate() == null || ix.totalTtc() == null) {
            return Optional.empty();
        }
        List<Long> sameDateAndTotal = jdbc.sql("""
                SELECT id FROM facteur.invoice
                WHERE issue_date = :issueDate AND total_ttc = :totalTtc AND id <> :id AND direction = :direction
                  AND status <> 'DUPLICATE'
                ORDER BY id""")
                .param("issueDate", ix.issueDate())
                .param("totalTtc", ix.totalTtc())
                .param("id", invoiceId)
                .param("direction", invoice.direction().name())
                .query(Long.class).list();
        return sameDateAndTotal.stream()
                .map(id -> invoices.find(id).orElseThrow())
                .filter(other -> supplier.equals(supplierKey(other.index()))
                        && number.equals(numberKey(other.index().invoiceNumber())))
                .findFirst();
    }

    static String supplierKey(InvoiceIndex ix) {
        String siret = Siret.normalize(ix.supplierSiret());
        if (siret != null) {
            return "SIREN:" + (siret.length() >= 9 ? siret.substring(0, 9) : siret);
        }
        if (ix.supplierVatNumber() != null) {
            String vat = ix.supplierVatNumber().replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
            // a French VAT number holds the SIREN: the same supplier whichever identifier was read
            return vat.matches("FR[0-9A-Z]{2}\\d{9}") ? "SIREN:" + vat.substring(4) : "VAT:" + vat;
        }
        return null;
    }

    static String numberKey(String invoiceNumber) {
        if (invoiceNumber == null) {
            return null;
        }
        String key = invoiceNumber.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-_./]", "").replace('O', '0');
        return key.isEmpty() ? null : key;
    }

    /** Marks an invoice as a confirmed duplicate of another. */
    public void markDuplicate(long invoiceId, long originalId) {
        jdbc.sql("UPDATE facteur.invoice SET duplicate_of = :original WHERE id = :id")
                .param("original", originalId).param("id", invoiceId).update();
    }
}
