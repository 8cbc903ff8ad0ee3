package fr.facteur.extraction;

import fr.facteur.extraction.PageText.Line;
import fr.facteur.identifiers.Siret;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the index fields in printed text (a PDF text layer or OCR output), for French and other
 * European layouts: a value is looked for after its label on the same line, then under the label.
 * Confidence starts from how explicit the label was, is scaled by the OCR confidence of the line,
 * and moves with consistency: HT + TVA = TTC, SIRET Luhn key, VAT key, IBAN mod 97.
 */
final class TextFieldExtractor {

    private static final Pattern INVOICE_NUMBER_LABEL = Pattern.compile(
            "(?:facture|avoir|invoice|rechnung|credit note)\\s*(?:n\\s?[°o*\"]\\.?|no\\.?|num(?:ero)?\\.?|number|nr\\.?|nummer|#)\\s*:?"
                    + "|n\\s?[°o]\\.?\\s*(?:de\\s+)?(?:la\\s+)?(?:facture|avoir)\\s*:?|numero\\s+de\\s+(?:facture|l'avoir)\\s*:?"
                    + "|rechnungs-?(?:nummer|nr\\.?)\\s*:?|belegnummer\\s*:?");
    private static final Pattern INVOICE_NUMBER_BARE = Pattern.compile(
            "^(?:facture|avoir|invoice|rechnung|handelsrechnung|gutschrift)\\b");
    private static final Pattern OTHER_INVOICE = Pattern.compile(
            "^\\s*(?:associee|liee|d'origine|initiale|precedente|rectifiee|corrigee|referencee)");
    private static final Pattern ISSUE_DATE_LABEL = Pattern.compile(
            "date\\s+(?:de\\s+(?:la\\s+)?)?facture|date\\s+d'?emission|date\\s+de\\s+facturation|invoice\\s+date"
                    + "|rechnungsdatum|belegdatum|\\bdate\\s*:|\\bdatum\\s*:?|\\bvom\\b|\\bdated?\\b");
    private static final Pattern NOT_ISSUE_DATE = Pattern.compile(
            "livraison|echeance|debut|fin\\b|associee|commande|prestation|paiement|due|liefer|leistung|bestellung"
                    + "|faellig|fallig|shipment|order|reglement|virement|skonto");
    private static final Pattern DUE_DATE_LABEL = Pattern.compile(
            "date\\s+d'?echeance|echeance|a\\s+payer\\s+avant|payable\\s+(?:avant|le)|date\\s+limite\\s+de\\s+paiement"
                    + "|due\\s+date|payment\\s+due|faelligkeit\\w*|falligkeit\\w*|faellig|fallig|netto\\s+bis|zahlbar\\s+bis"
                    + "|bis\\s+zum|payable\\s+by|pay\\s+by");
    private static final Pattern PURCHASE_ORDER_LABEL = Pattern.compile(
            "bon\\s+de\\s+commande|n\\s?[°o]\\.?\\s*(?:de\\s+)?commande|commande\\s+n|votre\\s+commande|ref\\.?\\s*commande"
                    + "|reference\\s+commande|purchase\\s+order|order\\s+(?:no\\.?|number|n[°o])|\\bp\\.?o\\.?\\s*(?:no|number|n[°o]|:)"
                    + "|bestell(?:nummer|-nr\\.?)|bestellung\\s+nr\\.?|auftragsnummer|votre\\s+reference|your\\s+reference"
                    + "|buyer\\s+order|engagement\\s+juridique");
    private static final String SUPPLIER_WORDS = "(?:vendeur|fournisseur|emetteur|seller|supplier|from|verkaufer"
            + "|rechnungsersteller|lieferant|absender)";
    private static final Pattern SUPPLIER_LABEL = Pattern.compile("^" + SUPPLIER_WORDS + "\\s*(?::|$)");
    /** The heading of the left one of two blocks printed side by side ("Lieferant      Rechnungsempfänger"). */
    private static final Pattern SUPPLIER_HEADING = Pattern.compile("^" + SUPPLIER_WORDS + "\\s*:?\\s*$");
    private static final Pattern BUYER_LABEL = Pattern.compile(
            "adresse\\s+(?:du\\s+)?client|adresse\\s+de\\s+facturation|(?:^|\\s)facture\\s+a\\s*(?::|$)|^client\\s*:?|acheteur|destinataire"
                    + "|bill\\s+to|sold\\s+to|^customer|^buyer|kaufer/leistungsempfanger|^kaufer|rechnungsempfanger|leistungsempfanger");
    private static final Pattern BUYER_CONTEXT = Pattern.compile(
            "client|acheteur|buyer|customer|kunde|\\bihre\\b|\\byour\\b|vos\\s+identifiants|destinataire|empfanger|kaufer");
    private static final Pattern CURRENCY_LABEL = Pattern.compile(
            "devise|monnaie|rechnungswahrung|\\bwahrung|betrage\\s+in|currency|amounts\\s+in|montants\\s+en");
    private static final Pattern NOT_TTC = Pattern.compile("ohne|netto|excl|hors\\s+tax|\\bht\\b|without");
    private static final Pattern SPLIT_AMOUNT = Pattern.compile("-?\\d{1,3} \\d{1,2}[.,]\\d{2}(?!\\d)");
    /** A window-envelope sender line: "Kraxi GmbH · Flugzeugallee 17 · 12345 Papierfeld · Deutschland". */
    private static final Pattern RETURN_ADDRESS = Pattern.compile("\\d{4,5}\\s+\\p{L}{2}");
    private static final Pattern ADDRESS_SEPARATOR = Pattern.compile("\\s[·•●|+«»-]\\s|[·•●]");
    private static final Pattern NAME_LABEL = Pattern.compile("^(?:name|nom|raison\\s+sociale)\\s*:");
    private static final Pattern SIRET = Pattern.compile("(?<!\\d)(\\d{3}[ \\u00a0]?\\d{3}[ \\u00a0]?\\d{3}[ \\u00a0]?\\d{5})(?!\\d)");
    private static final Pattern LEGAL_FORM = Pattern.compile(
            "^(.{2,60}?\\s(?:gmbh(?:\\s*[&+]\\s*co\\.?(?:\\s*kg)?)?|ag|kg|ltd\\.?|llc|b\\.?v\\.?|inc\\.?))(?=\\s|,|$)"
                    + "|^(.{2,60}?)\\s+(?:sarl|sas|sasu|eurl|snc|s\\.a\\.?|sa)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_A_NAME = Pattern.compile(
            "^(?:logo|facture|invoice|rechnung|avoir|page|seite|date|beispiel|zugferd|factur-x|copie|original)\\b"
                    + "|adresse|client|trade\\s+name|contact");
    /** A document's title, or a field printed as "label : value": no party's name (tested on the name read). */
    private static final Pattern TITLE_OR_FIELD = Pattern.compile(
            "\\b(?:invoice|credit\\s+note|rechnung|gutschrift)\\b|^[^:]{1,30}\\s?:\\s");
    private static final Set<String> CURRENCIES = Set.of("EUR", "USD", "GBP", "CHF", "DKK", "NOK", "SEK", "HUF", "PLN",
            "CZK", "JPY", "CAD");
    private static final Set<String> NUMBER_NOISE = Set.of("n°", "no", "no.", "nr", "nr.", "de", "du", ":", "#", "number",
            "numero", "nummer", "la", "vom", "n", "°");

    private static final List<Label> HT_LABELS = List.of(
            new Label("total\\s+h\\.?t|montant\\s+h\\.?t|total\\s+hors\\s+tax\\w*|rechnungssumme\\s+(?:ohne\\s+ust|netto)"
                    + "|summe\\s+netto|nettosumme|gesamtbetrag\\s+netto|subtotal|sub-total|total\\s+(?:excl|net|without)"
                    + "|amount\\s+excl|total\\s+net\\s+ht|net\\s+total|nettobetrag|netto\\s*summe|summe\\s+netto", 3),
            new Label("sous-total|\\bnet\\s+h\\.?t|base\\s+h\\.?t|\\bnetto\\b|\\bht\\b|positionssumme", 1));
    private static final List<Label> TVA_LABELS = List.of(
            new Label("total\\s+t\\.?v\\.?a|montant\\s+(?:de\\s+la\\s+)?t\\.?v\\.?a|total\\s+taxes|summe\\s+umsatzsteuer"
                    + "|steuerbetrag|gesamtsteuer|total\\s+vat|vat\\s+amount|total\\s+tax|ust\\.?-?betrag|mwst\\.?-?betrag"
                    + "|(?:ust|mwst|umsatzsteuer)\\.?\\s+gesamt", 3),
            new Label("\\bt\\.?v\\.?a\\b|\\bmwst\\b|\\bust\\b|umsatzsteuer|\\bvat\\b|\\btax\\b", 1));
    private static final List<Label> TTC_LABELS = List.of(
            new Label("total\\s+t\\.?t\\.?c|montant\\s+t\\.?t\\.?c|bruttosumme|rechnungssumme\\s+brutto|gesamtbetrag\\s+brutto"
                    + "|total\\s+(?:\\S+\\s+)?incl|amount\\s+incl|invoice\\s+total|grand\\s+total|rechnungsbetrag|rechnungssumme", 3),
            new Label("gesamtbetrag|endbetrag|total\\s+a\\s+payer|net\\s+a\\s+payer|montant\\s+a\\s+payer|zahlbetrag|amount\\s+due|total\\s+due"
                    + "|montant\\s+total|total\\s+amount", 2),
            new Label("^total\\b|\\btotal\\s*:", 1));

    private record Label(Pattern pattern, int weight) {
        Label(String regex, int weight) {
            this(Pattern.compile(regex), weight);
        }
    }

    private record Hit(int line, int labelStart, int labelEnd, double x0, double x1) {
    }

    private record Candidate(BigDecimal amount, int weight, double confidence, int line) {
    }

    private final List<Line> lines;
    private final List<String> folded;
    private final ExtractionSource source;
    private final Map<String, ExtractedField> fields = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private TextFieldExtractor(PageText text, ExtractionSource source) {
        this.lines = text.lines();
        this.folded = lines.stream().map(line -> fold(line.text())).toList();
        this.source = source;
    }

    record Result(Map<String, ExtractedField> fields, List<String> warnings) {
    }

    static Result extract(PageText text, ExtractionSource source) {
        TextFieldExtractor extractor = new TextFieldExtractor(text, source);
        extractor.run();
        return new Result(extractor.fields, extractor.warnings);
    }

    private void run() {
        invoiceNumber();
        dates();
        currency();
        totals();
        purchaseOrder();
        identifiers();
        iban();
        names();
    }

    // --- fields ---------------------------------------------------------------------------------

    private void invoiceNumber() {
        for (Hit hit : hits(INVOICE_NUMBER_LABEL)) {
            if (refersToAnotherInvoice(hit)) {
                continue;
            }
            Optional<DocumentNumber> number = valueNear(hit, TextFieldExtractor::documentNumber);
            if (number.isPresent()) {
                put(InvoiceField.INVOICE_NUMBER, number.get().value(),
                        (number.get().clear() ? 0.95 : UNCLEAR_NUMBER) * lineConfidence(hit.line()));
                return;
            }
        }
        // a number of letters only ("FCAC") right after an explicit label: taken, but for a person to check
        for (Hit hit : hits(INVOICE_NUMBER_LABEL)) {
            if (refersToAnotherInvoice(hit)) {
                continue;
            }
            // on the label's line only: below it, a word in capitals is more often a name than a number
            Optional<String> letters = lettersOnlyNumber(lines.get(hit.line()).text().substring(hit.labelEnd()));
            if (letters.isPresent()) {
                put(InvoiceField.INVOICE_NUMBER, letters.get(), LETTERS_ONLY_NUMBER * lineConfidence(hit.line()));
                return;
            }
        }
        for (Hit hit : hits(INVOICE_NUMBER_BARE)) {
            if (refersToAnotherInvoice(hit)) {
                continue;
            }
            String rest = lines.get(hit.line()).text().substring(hit.labelEnd());
            Optional<DocumentNumber> number = documentNumber(rest);
            if (number.isEmpty()) {
                // "FACTURE N FCAC": on its line, a number of letters only is likelier than digits read below
                String[] marked = rest.strip().split("\\s+", 2);
                Optional<String> letters = marked.length == 2
                        && NUMBER_MARKERS.contains(marked[0].toLowerCase(Locale.ROOT))
                        ? lettersOnlyNumber(marked[1]) : Optional.empty();
                if (letters.isPresent()) {
                    put(InvoiceField.INVOICE_NUMBER, letters.get(), LETTERS_ONLY_NUMBER * lineConfidence(hit.line()));
                    return;
                }
                number = valueBelow(hit, TextFieldExtractor::documentNumber);
            }
            if (number.isPresent()) {
                put(InvoiceField.INVOICE_NUMBER, number.get().value(),
                        (number.get().clear() ? 0.85 : UNCLEAR_NUMBER) * lineConfidence(hit.line()));
                return;
            }
        }
    }

    /** What says "number" between "Facture" and the number itself. */
    private static final Set<String> NUMBER_MARKERS = Set.of("n", "n°", "no", "no.", "nr", "nr.", "#", "num", "num.",
            "numero", "numéro", "number");

    /** "N° de facture associée", "Facture liée", "Facture d'origine": the number of another invoice. */
    private boolean refersToAnotherInvoice(Hit hit) {
        String line = folded.get(hit.line());
        return OTHER_INVOICE.matcher(line.substring(hit.labelEnd(), Math.min(line.length(), hit.labelEnd() + 14))).find();
    }

    private void dates() {
        LocalDate due = null;
        for (Hit hit : hits(DUE_DATE_LABEL)) {
            Optional<LocalDate> date = valueNear(hit, TextFieldExtractor::firstDate);
            if (date.isPresent()) {
                due = date.get();
                put(InvoiceField.DUE_DATE, due.toString(), 0.9 * lineConfidence(hit.line()));
                break;
            }
        }
        for (Hit hit : hits(ISSUE_DATE_LABEL)) {
            String around = folded.get(hit.line()).substring(Math.max(0, hit.labelStart() - 15),
                    Math.min(folded.get(hit.line()).length(), hit.labelEnd() + 3));
            if (NOT_ISSUE_DATE.matcher(around).find()) {
                continue;
            }
            Optional<LocalDate> date = valueNear(hit, TextFieldExtractor::firstDate);
            if (date.isPresent() && (due == null || !date.get().isAfter(due))) {
                put(InvoiceField.ISSUE_DATE, date.get().toString(), 0.9 * lineConfidence(hit.line()));
                return;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            for (Dates.Found found : Dates.findAll(lines.get(i).text())) {
                if (due == null || !found.date().isAfter(due)) {
                    put(InvoiceField.ISSUE_DATE, found.date().toString(), 0.6 * lineConfidence(i));
                    return;
                }
            }
        }
    }

    private void currency() {
        for (Hit hit : hits(CURRENCY_LABEL)) {
            Matcher code = Pattern.compile("\\b([A-Z]{3})\\b").matcher(lines.get(hit.line()).text().substring(hit.labelEnd()));
            while (code.find()) {
                if (CURRENCIES.contains(code.group(1))) {
                    put(InvoiceField.CURRENCY, code.group(1), 0.97 * lineConfidence(hit.line()));
                    return;
                }
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        int euroSigns = 0;
        int poundSigns = 0;
        for (Line line : lines) {
            Matcher codes = Pattern.compile("\\b([A-Z]{3})\\b").matcher(line.text());
            while (codes.find()) {
                if (CURRENCIES.contains(codes.group(1))) {
                    counts.merge(codes.group(1), 1, Integer::sum);
                }
            }
            if (line.text().matches("(?i).*\\beuros?\\b.*")) {
                counts.merge("EUR", 1, Integer::sum);
            }
            euroSigns += line.text().chars().filter(c -> c == '€').count();
            poundSigns += line.text().chars().filter(c -> c == '£').count();
        }
        Optional<Map.Entry<String, Integer>> best = counts.entrySet().stream().max(Map.Entry.comparingByValue());
        if (best.isPresent()) {
            put(InvoiceField.CURRENCY, best.get().getKey(), 0.95);
        } else if (euroSigns > 0 || poundSigns > 0) {
            put(InvoiceField.CURRENCY, euroSigns >= poundSigns ? "EUR" : "GBP", 0.8);
        }
    }

    /** Picks HT, TVA and TTC together: the labelled amounts for which HT + TVA = TTC. */
    /** No VAT rate in use exceeds 30 % of the amount it is computed on. */
    private static final BigDecimal MAX_VAT_SHARE = new BigDecimal("0.3");

    private void totals() {
        List<Candidate> ht = candidates(HT_LABELS, null);
        List<Candidate> tva = candidates(TVA_LABELS, null);
        List<Candidate> ttc = candidates(TTC_LABELS, NOT_TTC);
        java.util.Set<BigDecimal> everyAmount = new java.util.HashSet<>();
        for (Line line : lines) {
            Amounts.findAll(line.text()).forEach(amount -> everyAmount.add(amount.stripTrailingZeros()));
        }
        double bestScore = -1;
        Candidate[] best = null;
        for (Candidate t : ttc) {
            for (Candidate h : ht) {
                if (h.amount().abs().compareTo(t.amount().abs()) > 0) {
                    continue;
                }
                BigDecimal vat = t.amount().subtract(h.amount());
                if (!tva.stream().anyMatch(v -> v.amount().compareTo(vat) == 0) && everyAmount.contains(vat.stripTrailingZeros())
                        && vat.signum() != 0 && h.weight() + t.weight() + 0.5 > bestScore) {
                    // the VAT total printed without a label we know (e.g. under "Steuerbetrag in" on the next line)
                    bestScore = h.weight() + t.weight() + 0.5;
                    best = new Candidate[] {h, new Candidate(vat, 0, Math.min(h.confidence(), t.confidence()), h.line()), t};
                }
                for (Candidate v : tva) {
                    if (v.amount().compareTo(vat) == 0) {
                        double score = t.weight() + h.weight() + v.weight() + (t.line() > h.line() ? 0.5 : 0);
                        if (score > bestScore) {
                            bestScore = score;
                            best = new Candidate[] {h, v, t};
                        }
                    }
                }
                if (vat.signum() == 0 && h.weight() + t.weight() > bestScore) {
                    bestScore = h.weight() + t.weight();
                    best = new Candidate[] {h, new Candidate(BigDecimal.ZERO, 0, h.confidence(), h.line()), t};
                }
            }
        }
        for (Candidate t : ttc) {
            for (Candidate v : tva) {
                BigDecimal net = t.amount().subtract(v.amount());
                // the total without VAT printed under a label we do not know ("Montant hors taxes"): proven by
                // the two labelled totals, and only for a VAT that a rate in use can give (at most 30 % of it)
                if (net.signum() > 0 && v.amount().signum() > 0 && everyAmount.contains(net.stripTrailingZeros())
                        && ht.stream().noneMatch(h -> h.amount().compareTo(net) == 0)
                        && v.amount().compareTo(net.multiply(MAX_VAT_SHARE)) <= 0
                        && t.weight() + v.weight() + 0.5 > bestScore) {
                    bestScore = t.weight() + v.weight() + 0.5;
                    best = new Candidate[] {new Candidate(net, 0, 0.95 * Math.min(v.confidence(), t.confidence()), v.line()),
                        v, t};
                }
            }
        }
        if (best != null) {
            if (best[0].amount().signum() < 0 && best[2].amount().signum() < 0) {
                // a credit note printed with negative amounts: its totals are stated positive
                best = new Candidate[] {negate(best[0]), negate(best[1]), negate(best[2])};
            }
            put(InvoiceField.TOTAL_HT, Amounts.format(best[0].amount()), 0.97 * best[0].confidence());
            put(InvoiceField.TOTAL_TVA, Amounts.format(best[1].amount()), 0.97 * best[1].confidence());
            put(InvoiceField.TOTAL_TTC, Amounts.format(best[2].amount()), 0.97 * best[2].confidence());
            return;
        }
        strongest(ht).ifPresent(c -> put(InvoiceField.TOTAL_HT, Amounts.format(c.amount()), 0.6 * c.confidence()));
        strongest(tva).ifPresent(c -> put(InvoiceField.TOTAL_TVA, Amounts.format(c.amount()), 0.6 * c.confidence()));
        strongest(ttc).ifPresent(c -> put(InvoiceField.TOTAL_TTC, Amounts.format(c.amount()), 0.6 * c.confidence()));
        if (fields.containsKey(InvoiceField.TOTAL_TTC) || fields.containsKey(InvoiceField.TOTAL_HT)) {
            warnings.add("Les montants lus ne vérifient pas HT + TVA = TTC : à contrôler.");
        }
    }

    private static Candidate negate(Candidate candidate) {
        return new Candidate(candidate.amount().negate(), candidate.weight(), candidate.confidence(), candidate.line());
    }

    /** Amounts after (or under) a label; {@code exclude} vetoes a label by the words right after it. */
    private List<Candidate> candidates(List<Label> labels, Pattern exclude) {
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = folded.get(i);
            for (Label label : labels) {
                Matcher matcher = label.pattern().matcher(line);
                if (matcher.find()) {
                    if (exclude != null && exclude.matcher(
                            line.substring(matcher.start(), Math.min(line.length(), matcher.end() + 12))).find()) {
                        break;
                    }
                    String rest = lines.get(i).text().substring(matcher.end());
                    List<BigDecimal> amounts = Amounts.findAll(rest.replaceAll("\\d+(?:[.,]\\d+)?\\s?%", " "));
                    // a table footer: the labels in one row, their amounts under them a few lines down
                    Hit hit = hit(i, matcher);
                    for (int below = i + 1; amounts.isEmpty() && below < Math.min(lines.size(), i + 4); below++) {
                        double margin = Math.max(10, (hit.x1() - hit.x0()) * 0.3);
                        amounts = Amounts.findAll(lines.get(below).textBetween(hit.x0() - margin, hit.x1() + Math.max(margin, 30)));
                    }
                    // the amount furthest right is the line's total; others may be bases or rates
                    for (int a = amounts.size() - 1; a >= 0; a--) {
                        int weight = label.weight() * 2 + (a == amounts.size() - 1 ? 1 : 0);
                        found.add(new Candidate(amounts.get(a), weight, lineConfidence(i), i));
                    }
                    // OCR sometimes splits a number ("-21 8,48 €"): the digits glued back, as a weaker guess
                    Matcher split = SPLIT_AMOUNT.matcher(rest);
                    while (split.find()) {
                        Optional<BigDecimal> glued = Amounts.parse(split.group().replaceAll("\\s", ""));
                        if (glued.isPresent()) {
                            found.add(new Candidate(glued.get(), label.weight(), lineConfidence(i) * 0.9, i));
                        }
                    }
                    break;
                }
            }
        }
        return found;
    }

    private static Optional<Candidate> strongest(List<Candidate> candidates) {
        return candidates.stream().max((a, b) -> a.weight() != b.weight()
                ? Integer.compare(a.weight(), b.weight()) : Integer.compare(a.line(), b.line()));
    }

    private void purchaseOrder() {
        for (Hit hit : hits(PURCHASE_ORDER_LABEL)) {
            Optional<String> reference = valueNear(hit, TextFieldExtractor::numberToken);
            if (reference.isPresent()) {
                boolean explicit = !folded.get(hit.line()).substring(hit.labelStart()).matches("^(?:votre|your).*");
                put(InvoiceField.PURCHASE_ORDER_REFERENCE, reference.get(),
                        (explicit ? 0.9 : 0.7) * lineConfidence(hit.line()));
                return;
            }
        }
    }

    /** SIRETs and the supplier's VAT number; the supplier's identifiers are those outside buyer blocks. */
    private void identifiers() {
        String supplierVat = null;
        double vatConfidence = 0;
        for (int i = 0; i < lines.size() && supplierVat == null; i++) {
            List<String> ibans = Ibans.findAll(lines.get(i).text());
            for (String vat : VatNumbers.findAll(lines.get(i).text())) {
                if (ibans.stream().anyMatch(iban -> iban.startsWith(vat.substring(0, 4)))) {
                    continue; // the start of an IBAN, not a VAT number
                }
                int at = lines.get(i).text().replaceAll("[\\s.]", "").indexOf(vat);
                String before = folded.get(i).substring(0, Math.min(folded.get(i).length(), Math.max(0, at) + 4));
                boolean buyer = BUYER_CONTEXT.matcher(before).find() || buyerBlock(i, xOf(i, vat));
                if (!buyer) {
                    supplierVat = vat;
                    boolean valid = VatNumbers.isValid(vat);
                    vatConfidence = (valid ? (vat.startsWith("FR") ? 0.95 : 0.85) : 0.4) * lineConfidence(i);
                    if (!valid) {
                        warnings.add("Le numéro de TVA " + vat + " lu sur le document a une clé invalide.");
                    }
                    break;
                }
            }
        }
        if (supplierVat != null) {
            put(InvoiceField.SUPPLIER_VAT_NUMBER, supplierVat, vatConfidence);
        }
        String supplierSiren = VatNumbers.siren(supplierVat);
        List<String> sirets = new ArrayList<>();
        List<Double> confidences = new ArrayList<>();
        List<Boolean> buyerSide = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = SIRET.matcher(lines.get(i).text());
            while (matcher.find()) {
                String siret = Siret.normalize(matcher.group(1));
                boolean labelled = folded.get(i).contains("siret");
                boolean valid = Siret.isValidSiret(siret);
                if (!valid && !labelled || sirets.contains(siret)) {
                    continue;
                }
                String before = folded.get(i).substring(0, matcher.start());
                sirets.add(siret);
                confidences.add((valid ? (labelled ? 0.95 : 0.75) : 0.4) * lineConfidence(i));
                buyerSide.add(BUYER_CONTEXT.matcher(before).find()
                        || buyerBlock(i, lines.get(i).words().get(lines.get(i).wordAt(matcher.start())).x0()));
                if (!valid) {
                    warnings.add("Le SIRET " + siret + " lu sur le document ne passe pas le contrôle de Luhn.");
                }
            }
        }
        int supplier = -1;
        for (int i = 0; i < sirets.size(); i++) {
            if (supplierSiren != null && sirets.get(i).startsWith(supplierSiren)) {
                supplier = i;
                break;
            }
        }
        if (supplier < 0) {
            supplier = buyerSide.indexOf(false);
        }
        if (supplier >= 0) {
            put(InvoiceField.SUPPLIER_SIRET, sirets.get(supplier), confidences.get(supplier));
        }
        // several SIRETs and no way to tell the supplier's: whichever is taken for the buyer's may be the other
        boolean ambiguous = supplier < 0 && sirets.size() > 1;
        for (int i = 0; i < sirets.size(); i++) {
            if (i != supplier && (supplierSiren == null || !sirets.get(i).startsWith(supplierSiren))) {
                put(InvoiceField.BUYER_SIRET, sirets.get(i),
                        confidences.get(i) * (buyerSide.get(i) && !ambiguous ? 1 : 0.8));
                break;
            }
        }
    }

    private boolean buyerBlock(int line) {
        return buyerBlock(line, Double.NaN);
    }

    /**
     * Whether a value printed at {@code x} on {@code line} is in the buyer's block: under a buyer's
     * heading of the three lines above, unless it lies left of that heading's column (parties printed
     * side by side: the supplier's block on the left, the buyer's on the right, headings on one row).
     */
    private boolean buyerBlock(int line, double x) {
        for (int i = Math.max(0, line - 3); i < line; i++) {
            Matcher heading = BUYER_LABEL.matcher(folded.get(i));
            if (heading.find()) {
                Hit hit = hit(i, heading);
                if (Double.isNaN(x) || x >= hit.x0() - Math.max(5, 0.5 * (hit.x1() - hit.x0()))) {
                    return true;
                }
            } else if (folded.get(i).contains("vos identifiants")) {
                return true;
            }
        }
        return false;
    }

    /** Where the word holding {@code value} (spaces and dots ignored) starts on the line; NaN if not found. */
    private double xOf(int line, String value) {
        String start = value.substring(0, Math.min(4, value.length()));
        for (PageText.Word word : lines.get(line).words()) {
            if (word.text().replaceAll("[\\s.]", "").toUpperCase(Locale.ROOT).contains(start)) {
                return word.x0();
            }
        }
        return Double.NaN;
    }

    private void iban() {
        for (int i = 0; i < lines.size(); i++) {
            List<String> ibans = Ibans.findAll(lines.get(i).text());
            if (!ibans.isEmpty()) {
                put(InvoiceField.IBAN, ibans.get(0), 0.95 * lineConfidence(i));
                return;
            }
        }
    }

    private void names() {
        for (Hit hit : supplierHeadings()) {
            Optional<String> name = nameNear(hit);
            if (name.isPresent()) {
                put(InvoiceField.SUPPLIER_NAME, name.get(), 0.75 * lineConfidence(hit.line()));
                break;
            }
        }
        if (!fields.containsKey(InvoiceField.SUPPLIER_NAME)) {
            for (int i = 0; i < Math.min(lines.size(), 12); i++) {
                Matcher matcher = LEGAL_FORM.matcher(lines.get(i).text().strip());
                if (matcher.find() && !NOT_A_NAME.matcher(folded.get(i)).find() && !buyerBlock(i)
                        && !TITLE_OR_FIELD.matcher(fold(matcher.group(1) != null ? matcher.group(1) : matcher.group(2))).find()) {
                    String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    put(InvoiceField.SUPPLIER_NAME, cleanName(name).orElse(name.strip()), 0.65 * lineConfidence(i));
                    break;
                }
            }
        }
        if (!fields.containsKey(InvoiceField.SUPPLIER_NAME)) {
            for (int i = 0; i < Math.min(lines.size(), 5); i++) {
                String text = cleanName(firstColumn(lines.get(i)).replaceFirst("(?i)^logo\\s+", "")).orElse("");
                if (text.matches(".*\\p{L}{3}.*") && !NOT_A_NAME.matcher(fold(text)).find()
                        && !TITLE_OR_FIELD.matcher(fold(text)).find()
                        && Dates.findAll(text).isEmpty() && !text.matches(".*\\d{3,}.*")) {
                    put(InvoiceField.SUPPLIER_NAME, text, 0.4 * lineConfidence(i));
                    break;
                }
            }
        }
        for (Hit hit : hits(BUYER_LABEL)) {
            Optional<String> name = nameNear(hit);
            if (name.isPresent()) {
                put(InvoiceField.BUYER_NAME, name.get(), 0.65 * lineConfidence(hit.line()));
                break;
            }
        }
        // German and many French layouts: the recipient's name right under the sender's one-line address
        for (int i = 0; i + 1 < Math.min(lines.size(), 25) && !fields.containsKey(InvoiceField.BUYER_NAME); i++) {
            String line = lines.get(i).text();
            if (RETURN_ADDRESS.matcher(line).find() && ADDRESS_SEPARATOR.matcher(line).results().count() >= 2) {
                PageText.Word sender = lines.get(i).words().get(0);
                for (int next = i + 1; next < Math.min(lines.size(), i + 4); next++) {
                    PageText.Word first = lines.get(next).words().get(0);
                    if (Math.abs(first.x0() - sender.x0()) > 4 * Math.max(Math.max(sender.height(), first.height()), 1)) {
                        continue; // another column (the sender's own block, a web address on the right)
                    }
                    Optional<String> name = cleanName(firstColumn(lines.get(next)));
                    if (name.isPresent() && !NOT_A_NAME.matcher(fold(name.get())).find()
                            && !TITLE_OR_FIELD.matcher(fold(name.get())).find()
                            && !name.get().matches(".*(@|www\\.|https?:).*")) {
                        put(InvoiceField.BUYER_NAME, name.get(), 0.6 * lineConfidence(next));
                    }
                    break;
                }
            }
        }
    }

    /** The supplier's headings: a label line, or the left one of a supplier's and a buyer's heading side by side. */
    private List<Hit> supplierHeadings() {
        List<Hit> headings = new ArrayList<>();
        for (int i = 0; i < folded.size(); i++) {
            Matcher label = SUPPLIER_LABEL.matcher(folded.get(i));
            if (label.find()) {
                headings.add(hit(i, label));
            } else {
                // the row of headings of two blocks side by side: the supplier's on the left, the buyer's next to it
                String left = firstColumn(lines.get(i));
                Matcher heading = SUPPLIER_HEADING.matcher(fold(left));
                if (heading.find() && left.length() < lines.get(i).text().length()
                        && BUYER_LABEL.matcher(fold(lines.get(i).text().substring(left.length()).strip())).find()) {
                    headings.add(hit(i, heading));
                }
            }
        }
        return headings;
    }

    /** A name after a party label: on the same line, under it, or on a "Name:" line just below. */
    private Optional<String> nameNear(Hit hit) {
        for (int i = hit.line() + 1; i < Math.min(lines.size(), hit.line() + 5); i++) {
            Matcher name = NAME_LABEL.matcher(folded.get(i).strip());
            if (name.find()) {
                return cleanName(lines.get(i).text().strip().substring(name.end()));
            }
        }
        String rest = lines.get(hit.line()).text().substring(hit.labelEnd());
        Optional<String> same = cleanName(rest.split("\\s{2,}| {1}(?=[A-Z][a-z]+ :)")[0]);
        if (same.isPresent() && rest.strip().length() < 60 && !BUYER_LABEL.matcher(fold(rest)).find()
                && !fold(rest).matches(".*(contact|nummer|number|n°).*")) {
            return same;
        }
        for (int i = hit.line() + 1; i < Math.min(lines.size(), hit.line() + 3); i++) {
            Optional<String> below = cleanName(columnBetween(lines.get(i), hit.x0() - 5, hit.x1() + 200));
            if (below.isPresent() && !NAME_LABEL.matcher(fold(below.get())).find()
                    && !fold(below.get()).matches(".*(contact|buyer contact|nummer|number|n°).*")) {
                return below;
            }
        }
        return Optional.empty();
    }

    /** The words of a line between {@code x0} and {@code x1}, up to the first wide gap (the next column). */
    private static String columnBetween(Line line, double x0, double x1) {
        StringBuilder text = new StringBuilder();
        PageText.Word previous = null;
        for (PageText.Word word : line.words()) {
            if (word.x1() < x0 || word.x0() > x1) {
                continue;
            }
            if (previous != null && word.x0() - previous.x1() > 2.5 * Math.max(previous.height(), 1)) {
                break;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(word.text());
            previous = word;
        }
        return text.toString();
    }

    /** The words of a line up to the first wide gap (the left column of a two-column layout). */
    private static String firstColumn(Line line) {
        return columnBetween(line, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private static Optional<String> cleanName(String raw) {
        // OCR turns the icons before a header into stray letters: "Q, D Au bon moulin"
        String name = raw.replaceFirst("^[\\s:;,-]+", "")
                .replaceFirst("^(?:(?:\\p{L}[,.;:]?|\\p{Ll}\\p{Lu}|[^\\p{L}\\d\\s]{1,3})\\s+)+(?=\\p{L}{2})", "").strip();
        if (name.length() < 2 || !name.matches(".*\\p{L}{3}.*") || name.length() > 80) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    // --- search helpers -------------------------------------------------------------------------

    private List<Hit> hits(Pattern label) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < folded.size(); i++) {
            Matcher matcher = label.matcher(folded.get(i));
            if (matcher.find()) {
                hits.add(hit(i, matcher));
            }
        }
        return hits;
    }

    private Hit hit(int line, Matcher matcher) {
        Line printed = lines.get(line);
        // a label matched with the space before it ("(?:^|\\s)facture a") starts at its first word, not the previous one
        int start = matcher.start();
        while (start < matcher.end() - 1 && Character.isWhitespace(printed.text().charAt(start))) {
            start++;
        }
        int first = printed.wordAt(start);
        int last = printed.wordAt(Math.max(matcher.start(), matcher.end() - 1));
        return new Hit(line, matcher.start(), matcher.end(), printed.words().get(first).x0(),
                printed.words().get(last).x1());
    }

    /** The value after the label on its line, else in the next two lines under the label. */
    private <T> Optional<T> valueNear(Hit hit, Function<String, Optional<T>> parser) {
        Optional<T> value = parser.apply(lines.get(hit.line()).text().substring(hit.labelEnd()));
        return value.isPresent() ? value : valueBelow(hit, parser);
    }

    /** The value printed under the label, in its column, on the next two lines. */
    private <T> Optional<T> valueBelow(Hit hit, Function<String, Optional<T>> parser) {
        for (int i = hit.line() + 1; i < Math.min(lines.size(), hit.line() + 3); i++) {
            double width = Math.max(hit.x1() - hit.x0(), 40);
            Optional<T> value = parser.apply(lines.get(i).textBetween(hit.x0() - width * 0.3, hit.x1() + width));
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> firstDate(String text) {
        List<Dates.Found> dates = Dates.findAll(text);
        return dates.isEmpty() ? Optional.empty() : Optional.of(dates.get(0).date());
    }

    /** Confidence of an invoice number of letters only: below the form's threshold, so that a person checks it. */
    static final double LETTERS_ONLY_NUMBER = 0.6;

    /** Words that follow "Facture N°" without being its number. */
    private static final Set<String> NOT_A_NUMBER = Set.of("DATE", "DU", "DE", "CLIENT", "FACTURE", "PAGE", "REF",
            "REFERENCE", "COMMANDE", "TOTAL", "OBJET", "DUPLICATA", "ORIGINAL", "PROFORMA", "INVOICE", "DATUM");

    /**
     * The token right after the label when it is a number made of capital letters only ("FCAC",
     * "FA-XK"): numbering schemes without digits exist, and a label "Facture N°" says what follows.
     */
    private static Optional<String> lettersOnlyNumber(String text) {
        for (String raw : text.strip().split("\\s+")) {
            String token = bare(raw);
            if (token.isEmpty() || NUMBER_NOISE.contains(token.toLowerCase(Locale.ROOT))) {
                continue;
            }
            boolean letters = token.matches("[A-Z][A-Z\\-/_]{1,19}")
                    && token.chars().filter(Character::isLetter).count() >= 2;
            return letters && !NOT_A_NUMBER.contains(token) ? Optional.of(token) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Confidence of a number that may not be the whole of it, or not the one the label names. */
    static final double UNCLEAR_NUMBER = 0.7;

    /**
     * A document number and whether it is clear: right after its label, and not followed by what
     * could be more of it ("018304 / 28865", "F-2024 - 17"). When words came between the label and
     * the number ("Invoice no. test decimal 1"), or the number may go on, it is taken less surely.
     */
    private record DocumentNumber(String value, boolean clear) {
    }

    private static Optional<DocumentNumber> documentNumber(String text) {
        String[] tokens = text.strip().split("\\s+");
        int inspected = 0;
        for (int i = 0; i < tokens.length; i++) {
            String token = bare(tokens[i]);
            if (token.isEmpty() || NUMBER_NOISE.contains(token.toLowerCase(Locale.ROOT)) || tokens[i].startsWith("(")) {
                continue;
            }
            if (++inspected > 3) {
                break;
            }
            if (token.matches("[A-Za-z0-9][A-Za-z0-9\\-/._]{0,39}") && token.matches(".*\\d.*")
                    && Dates.findAll(token).isEmpty() && !token.matches("\\d{1,2}[.,]\\d{2}")) {
                boolean goesOn = i + 2 < tokens.length && tokens[i + 1].matches("[/\\-]")
                        && tokens[i + 2].matches("\\d.*");
                return Optional.of(new DocumentNumber(token, inspected == 1 && !goesOn));
            }
        }
        return Optional.empty();
    }

    /** The first of the next few tokens that looks like a document number (has a digit, not a date). */
    private static Optional<String> numberToken(String text) {
        return documentNumber(text).map(DocumentNumber::value);
    }

    /** A token without the punctuation around it ("(F-12)," → "F-12"). */
    private static String bare(String raw) {
        return raw.replaceAll("^[:;,.(\\[]+|[:;,.)\\]]+$", "");
    }

    private double lineConfidence(int line) {
        return lines.get(line).confidence();
    }

    private void put(String field, String value, double confidence) {
        if (value != null && !value.isBlank() && !fields.containsKey(field)) {
            fields.put(field, new ExtractedField(value, confidence, source));
        }
    }

    /** Lower case without accents, same length as the input (so positions carry over). */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            char first = base.isEmpty() ? c : base.charAt(0);
            folded.append(Character.toLowerCase(c == 'º' ? '°' : first));
        }
        return folded.toString();
    }
}
