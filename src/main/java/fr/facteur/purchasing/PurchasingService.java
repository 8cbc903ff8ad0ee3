package fr.facteur.purchasing;

import fr.facteur.identifiers.Siret;
import fr.facteur.purchasing.PurchaseOrderMatch.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The referential of purchase orders (engagements juridiques): CSV import, matching of an
 * invoice with its order, and the consumption of the order once the invoice is validated.
 */
@Service
public class PurchasingService {

    /** Columns of the import file, in any order; {@code montant_facture} and the others optional. */
    public static final List<String> CSV_COLUMNS = List.of("numero", "siret_fournisseur", "code_service", "libelle",
            "montant_commande", "montant_facture");

    private static final int MAX_LINES = 100_000;
    /** Who imports when no person does (the demo orders of the default run). */
    public static final String SYSTEM = "système";

    private final PurchaseOrderRepository orders;
    private final PurchasingProperties properties;

    public PurchasingService(PurchaseOrderRepository orders, PurchasingProperties properties) {
        this.orders = orders;
        this.properties = properties;
    }

    /** The result of an import: nothing is imported when any line is wrong. */
    public record ImportReport(int created, int updated, List<String> errors) {

        public boolean accepted() {
            return errors.isEmpty();
        }
    }

    /**
     * Imports a CSV file ({@code ;} or {@code ,} separated, first line = column names, amounts as
     * {@code 1 234,56} or {@code 1234.56}); all lines or none.
     */
    @Transactional
    public ImportReport importCsv(Reader csv) {
        return importCsv(csv, SYSTEM);
    }

    /** The same, by {@code actor}: each order created or changed is traced with its values before and after. */
    @Transactional
    public ImportReport importCsv(Reader csv, String actor) {
        List<String> errors = new ArrayList<>();
        List<PurchaseOrder> parsed = new ArrayList<>();
        List<Boolean> invoicedGiven = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(csv)) {
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                return new ImportReport(0, 0, List.of("Le fichier est vide : la première ligne doit nommer les colonnes "
                        + CSV_COLUMNS));
            }
            char separator = header.indexOf(';') >= 0 ? ';' : ',';
            List<String> columns = Arrays.stream(split(stripBom(header), separator))
                    .map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
            for (String required : List.of("numero", "siret_fournisseur", "montant_commande")) {
                if (!columns.contains(required)) {
                    errors.add("Colonne obligatoire absente : " + required);
                }
            }
            if (!errors.isEmpty()) {
                return new ImportReport(0, 0, errors);
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (number > MAX_LINES) {
                    errors.add("Plus de " + MAX_LINES + " lignes : découpez le fichier");
                    break;
                }
                String[] cells = split(line, separator);
                parseLine(number, columns, cells, errors).ifPresent(order -> {
                    parsed.add(order);
                    invoicedGiven.add(value(columns, cells, "montant_facture") != null);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            return new ImportReport(0, 0, errors);
        }
        int created = 0;
        for (int i = 0; i < parsed.size(); i++) {
            if (orders.upsert(parsed.get(i), invoicedGiven.get(i), actor)) {
                created++;
            }
        }
        return new ImportReport(created, parsed.size() - created, List.of());
    }

    private Optional<PurchaseOrder> parseLine(int line, List<String> columns, String[] cells, List<String> errors) {
        String orderNumber = value(columns, cells, "numero");
        String siret = Siret.normalize(value(columns, cells, "siret_fournisseur"));
        BigDecimal ordered = amount(value(columns, cells, "montant_commande"));
        String invoicedText = value(columns, cells, "montant_facture");
        BigDecimal invoiced = invoicedText == null ? BigDecimal.ZERO : amount(invoicedText);
        int before = errors.size();
        if (orderNumber == null || orderNumber.length() > 50) {
            errors.add("Ligne " + line + " : numéro de commande absent ou trop long (50 caractères au plus)");
        }
        if (!Siret.isValidSiret(siret)) {
            errors.add("Ligne " + line + " : SIRET du fournisseur invalide « " + value(columns, cells, "siret_fournisseur")
                    + " » (14 chiffres, clé de Luhn)");
        }
        if (ordered == null || ordered.signum() < 0) {
            errors.add("Ligne " + line + " : montant commandé invalide « " + value(columns, cells, "montant_commande")
                    + " »");
        }
        if (invoiced == null || invoiced.signum() < 0) {
            errors.add("Ligne " + line + " : montant déjà facturé invalide « " + invoicedText + " »");
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PurchaseOrder(orderNumber, siret, value(columns, cells, "code_service"),
                value(columns, cells, "libelle"), ordered, invoiced));
    }

    /**
     * Finds the order an invoice belongs to: by the order number it carries, else by supplier and
     * an amount equal to an order's remaining balance (within {@code facteur.purchasing.amount-tolerance}).
     *
     * @param amount the invoice amount compared with orders (excluding VAT, as orders are)
     */
    public PurchaseOrderMatch match(String orderNumber, String supplierSiret, String serviceCode, BigDecimal amount) {
        BigDecimal tolerance = properties.amountTolerance();
        String siret = Siret.normalize(supplierSiret);
        String service = serviceCode == null || serviceCode.isBlank() ? null : serviceCode.trim();
        if (orderNumber != null && !orderNumber.isBlank()) {
            Optional<PurchaseOrder> found = orders.find(orderNumber.trim());
            if (found.isPresent()) {
                PurchaseOrder order = found.get();
                if (siret != null && !siret.equals(order.supplierSiret())) {
                    return new PurchaseOrderMatch(Outcome.OTHER_SUPPLIER, order.number(), order.remaining(), null,
                            "La commande " + order.number() + " a été passée à un autre fournisseur (SIRET "
                                    + order.supplierSiret() + ")");
                }
                if (!sameService(order, service)) {
                    return new PurchaseOrderMatch(Outcome.OTHER_SERVICE, order.number(), order.remaining(), null,
                            "La commande " + order.number() + " est celle du service " + order.serviceCode()
                                    + ", la facture est adressée au service " + service);
                }
                if (amount != null && amount.compareTo(order.remaining().add(tolerance)) > 0) {
                    return new PurchaseOrderMatch(Outcome.OVER_BALANCE, order.number(), order.remaining(),
                            order.remaining().subtract(amount), "Le montant dépasse le reste à facturer de la commande "
                                    + order.number() + " (" + order.remaining() + ")");
                }
                return new PurchaseOrderMatch(Outcome.MATCHED_BY_NUMBER, order.number(), order.remaining(),
                        amount == null ? null : order.remaining().subtract(amount),
                        "Commande " + order.number() + " trouvée ; reste à facturer " + order.remaining());
            }
        }
        if (siret != null && amount != null) {
            // an order of another service is not this invoice's, whatever its amount
            List<PurchaseOrder> candidates = orders.bySupplier(siret).stream()
                    .filter(order -> sameService(order, service))
                    .filter(order -> order.remaining().subtract(amount).abs().compareTo(tolerance) <= 0)
                    .toList();
            if (candidates.size() == 1) {
                PurchaseOrder order = candidates.get(0);
                return new PurchaseOrderMatch(Outcome.MATCHED_BY_SUPPLIER_AND_AMOUNT, order.number(), order.remaining(),
                        order.remaining().subtract(amount), "Rapprochée de la commande " + order.number()
                                + " du même fournisseur, de même montant" + (service == null ? "" : ", du service " + service));
            }
            if (candidates.size() > 1) {
                return new PurchaseOrderMatch(Outcome.AMBIGUOUS, null, null, null, candidates.size()
                        + " commandes du fournisseur ont ce montant : choisissez la bonne");
            }
        }
        return new PurchaseOrderMatch(Outcome.NOT_FOUND, null, null, null, orderNumber == null || orderNumber.isBlank()
                ? "Aucune commande du fournisseur ne correspond à ce montant"
                        + (service == null ? "" : " pour le service " + service)
                : "La commande " + orderNumber + " est inconnue du référentiel");
    }

    /**
     * Whether the order may be the invoice's as far as services go: when both name a service, the
     * same one (case aside); an order or an invoice without a service code does not rule it out.
     */
    private static boolean sameService(PurchaseOrder order, String invoiceService) {
        return invoiceService == null || order.serviceCode() == null || order.serviceCode().isBlank()
                || order.serviceCode().trim().equalsIgnoreCase(invoiceService);
    }

    /** Consumes the order once its invoice is validated. */
    @Transactional
    public void recordInvoiced(String orderNumber, BigDecimal amount) {
        orders.addInvoiced(orderNumber, amount);
    }

    public Optional<PurchaseOrder> find(String number) {
        return orders.find(number);
    }

    public List<PurchaseOrder> list(String supplierSiret, int limit) {
        return supplierSiret == null ? orders.all(limit) : orders.bySupplier(Siret.normalize(supplierSiret));
    }

    /** Who changed the order, when, and its values before and after each change. */
    public List<PurchaseOrderChange> changes(String number) {
        return orders.changes(number);
    }

    public long count() {
        return orders.count();
    }

    /** Amounts as French and international spreadsheets write them. */
    static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.replaceAll("[\\s\\u00a0\\u202f€]", "");
        int comma = value.lastIndexOf(',');
        int dot = value.lastIndexOf('.');
        if (comma > dot) {
            value = value.replace(".", "").replace(',', '.');
        } else {
            value = value.replace(",", "");
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String value(List<String> columns, String[] cells, String column) {
        int index = columns.indexOf(column);
        if (index < 0 || index >= cells.length) {
            return null;
        }
        String value = cells[index].trim();
        return value.isEmpty() ? null : value;
    }

    /** Splits one line, honouring double quotes (a separator inside quotes is part of the value). */
    private static String[] split(String line, char separator) {
        List<String> cells = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == separator && !quoted) {
                cells.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        cells.add(current.toString());
        return cells.toArray(String[]::new);
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
