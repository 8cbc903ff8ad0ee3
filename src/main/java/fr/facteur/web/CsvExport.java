package fr.facteur.web;

import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceIndex;
import fr.facteur.invoice.InvoiceLists;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lines of the CSV export of a list, for a French spreadsheet: semicolons, decimal commas, dates
 * dd/MM/yyyy. A cell that a spreadsheet would take for a formula is prefixed with an apostrophe.
 */
final class CsvExport {

    static final String HEADER = String.join(";", "id", "numero", "fournisseur", "siret_fournisseur", "acheteur",
            "date_facture", "recue_le", "echeance_legale", "en_retard", "total_ht", "total_tva", "total_ttc", "devise",
            "statut", "statut_chorus", "canal", "bon_de_commande", "code_service") + "\r\n";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private CsvExport() {
    }

    static String line(InvoiceLists.Row row) {
        Invoice invoice = row.invoice();
        InvoiceIndex ix = invoice.index();
        List<String> cells = List.of(
                String.valueOf(invoice.id()), text(ix.invoiceNumber()), text(ix.supplierName()), text(ix.supplierSiret()),
                text(ix.buyerName()), date(ix.issueDate()), date(invoice.receivedOn()), date(row.paymentDeadline()),
                row.overdue() ? "oui" : "non", decimal(ix.totalHt()), decimal(ix.totalTva()), decimal(ix.totalTtc()),
                text(ix.currency()), invoice.status().label(), text(invoice.chorusStatus()), invoice.channel().name(),
                text(ix.purchaseOrderReference()), text(ix.serviceCode()));
        return cells.stream().map(CsvExport::quoted).collect(Collectors.joining(";")) + "\r\n";
    }

    private static String decimal(BigDecimal value) {
        return value == null ? "" : value.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.format(DAY);
    }

    private static String text(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String quoted(String cell) {
        if (cell.contains(";") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
