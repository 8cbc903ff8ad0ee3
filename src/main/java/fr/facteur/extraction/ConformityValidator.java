package fr.facteur.extraction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mustangproject.validator.ESeverity;
import org.mustangproject.validator.ValidationResultItem;
import org.mustangproject.validator.ZUGFeRDValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Mustang's validator on a file Facteur is about to deposit: PDF/A-3 (veraPDF) for a PDF, the XML
 * schema, EN 16931 and the French CIUS of the 2026 reform (BR-FR) for the invoice XML, whether a
 * Factur-X, a CII or a UBL. A file passes when its PDF is PDF/A and the validator reports no error
 * and no warning; its notices (the German XRechnung hints, which do not apply to a French invoice)
 * are not counted. Failed rules come back in French.
 */
@Service
public class ConformityValidator {

    private static final Logger log = LoggerFactory.getLogger(ConformityValidator.class);

    /** A veraPDF assertion as Mustang's report prints it. */
    private static final Pattern PDF_ASSERTION = Pattern.compile("TestAssertion \\[ruleId=RuleId \\[specification="
            + "([^,]+), clause=([^,]+), testNumber=(\\d+)], status=failed, message=(.*?), location=.*?errorMessage=(.*?)]");
    private static final Pattern RULE_PREFIX = Pattern.compile("^\\s*\\[[^\\]]+]\\s*-?\\s*");
    private static final Pattern RULE_SUFFIX = Pattern.compile("\\s*\\(still status warning\\)|\\s*\\[ID [^\\]]+] from .*$");
    /** How many failed rules are named in a refusal; the rest are counted. */
    private static final int SHOWN = 12;

    /** One failed rule: its identifier (BR-FR-05_BT-22_PMT, ISO 19005-3 6.2.11.4.1...) and what it says in French. */
    public record FailedRule(String id, String severity, String message) {

        @Override
        public String toString() {
            return message + " [" + id + "]";
        }
    }

    /** The validator's verdict on a file. */
    public record Report(boolean passed, List<FailedRule> failures) {

        /** The failed rules, once each (an empty element is reported at every place it occurs), in French. */
        public List<String> reasons() {
            Map<String, Integer> counted = new LinkedHashMap<>();
            for (FailedRule rule : failures) {
                counted.merge(rule.toString(), 1, Integer::sum);
            }
            List<String> reasons = new ArrayList<>();
            counted.forEach((rule, times) -> reasons.add(times == 1 ? rule : rule + " (" + times + " fois)"));
            if (reasons.size() > SHOWN) {
                int more = reasons.size() - SHOWN;
                reasons.subList(SHOWN, reasons.size()).clear();
                reasons.add("… et " + more + " autre(s) règle(s) non respectée(s).");
            }
            return reasons;
        }
    }

    /**
     * Validates one file. Runs one at a time: the validator's compiled schematrons are shared and
     * a deposit is rare next to the cost of a validation (about a second, several on the first).
     */
    public synchronized Report validate(byte[] content, String filename) {
        long start = System.nanoTime();
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(content, filename);
        List<FailedRule> failures = new ArrayList<>(pdfFailures(report));
        for (ValidationResultItem item : validator.getContext().getResults()) {
            ESeverity severity = item.getSeverity();
            if (severity != ESeverity.notice) {
                failures.add(new FailedRule(ruleId(item), severity.name(), French.of(ruleId(item), text(item))));
            }
        }
        log.info("{}: validated in {} ms, {} failed rule(s)", filename, (System.nanoTime() - start) / 1_000_000,
                failures.size());
        return new Report(failures.isEmpty(), List.copyOf(failures));
    }

    /** The PDF/A assertions that failed, from the report's PDF part (veraPDF's own words). */
    private static List<FailedRule> pdfFailures(String report) {
        int pdf = report.indexOf("<pdf>");
        if (pdf < 0) {
            return List.of();
        }
        int end = report.indexOf("</pdf>", pdf);
        String part = report.substring(pdf, end < 0 ? report.length() : end);
        if (!part.contains("<summary status=\"invalid\"")) {
            return List.of();
        }
        List<FailedRule> failures = new ArrayList<>();
        Matcher m = PDF_ASSERTION.matcher(part);
        while (m.find()) {
            String id = m.group(1).strip() + " §" + m.group(2).strip();
            failures.add(new FailedRule(id, "error", French.pdf(m.group(2).strip(), m.group(5).strip())));
        }
        if (failures.isEmpty()) {
            failures.add(new FailedRule("PDF/A-3", "error", "Le PDF n'est pas un PDF/A-3 valide."));
        }
        return failures;
    }

    private static String ruleId(ValidationResultItem item) {
        return item.getID() == null || item.getID().isBlank() ? "type " + item.getSection() : item.getID();
    }

    private static String text(ValidationResultItem item) {
        String message = item.getMessage() == null ? "" : item.getMessage().replaceAll("\\s+", " ");
        return RULE_SUFFIX.matcher(RULE_PREFIX.matcher(message).replaceFirst("")).replaceAll("").strip();
    }

    /** The rules Facteur meets most, said in French; the French CIUS's own rules already are. */
    static final class French {

        private static final Map<String, String> RULES = Map.ofEntries(
                Map.entry("PEPPOL-EN16931-R008", "Le XML contient un élément vide."),
                Map.entry("BR-S-02", "Une ligne au taux normal (catégorie S) exige le n° de TVA intracommunautaire du "
                        + "vendeur (BT-31) : renseignez le champ « N° de TVA de l'émetteur », ou la configuration du "
                        + "vendeur (facteur.emission.sellers)."),
                Map.entry("BR-CO-09", "Le n° de TVA du vendeur doit commencer par le code de son pays (FR…)."),
                Map.entry("BR-CO-10", "La somme des montants nets des lignes ne correspond pas au total des lignes."),
                Map.entry("BR-CO-15", "Le total TTC doit être égal au total HT plus la TVA."),
                Map.entry("BR-CO-25", "Un montant restant dû positif exige une date d'échéance ou des conditions de "
                        + "paiement (BT-9 ou BT-20)."),
                Map.entry("BR-06", "Le nom du vendeur (BT-27) est obligatoire."),
                Map.entry("BR-07", "Le nom de l'acheteur (BT-44) est obligatoire."),
                Map.entry("BR-08", "L'adresse postale du vendeur (BG-5) est obligatoire."),
                Map.entry("BR-09", "Le code pays du vendeur (BT-40) est obligatoire."),
                Map.entry("CII-SR-465", "Le contact du vendeur (BT-41) ne peut pas être à la fois une personne et un "
                        + "service."),
                Map.entry("CII-SR-466", "Le contact de l'acheteur (BT-56) ne peut pas être à la fois une personne et "
                        + "un service."),
                Map.entry("CII-SR-470", "Le compte de paiement doit être un IBAN ou un identifiant propre (BT-84), pas "
                        + "les deux."));

        private French() {
        }

        static String of(String id, String message) {
            String known = RULES.get(id);
            if (known != null) {
                return known;
            }
            if (id.startsWith("BR-FR")) {
                return message.replaceFirst("^BR-FR-[^:]*:\\s*", "");
            }
            return "Règle non respectée : " + message;
        }

        static String pdf(String clause, String error) {
            return switch (clause) {
                case "6.2.11.4.1" -> "Le PDF n'est pas un PDF/A-3 : une police n'y est pas incorporée.";
                case "6.2.4.3" -> "Le PDF n'est pas un PDF/A-3 : il utilise des couleurs sans profil de sortie "
                        + "(OutputIntent).";
                case "6.6.2.1" -> "Le PDF n'est pas un PDF/A-3 : ses métadonnées XMP manquent.";
                default -> "Le PDF n'est pas un PDF/A-3 : " + error + ".";
            };
        }
    }
}
