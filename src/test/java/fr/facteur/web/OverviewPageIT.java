package fr.facteur.web;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceLists;
import fr.facteur.invoice.InvoiceSummary;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The managers' overview pages, on a database holding hundreds of invoices in every status over
 * twelve weeks: the numbers shown are those of the database, the lists filter, the CSV export
 * holds the list, an invoice's page shows its document, trail and process.
 */
@ApplicationTest
class OverviewPageIT {

    private static final int SEEDED = 300;

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private InvoiceAudit audit;
    @Autowired
    private InvoiceLists lists;

    private TestRestTemplate demo;
    private String supplier;

    @BeforeEach
    void seed() {
        demo = anonymous.withBasicAuth("demo", "demo");
        supplier = "Aperçu " + UUID.randomUUID().toString().substring(0, 8);
        // received over twelve weeks, in every status, with their history: as the service writes them
        // (not through Chorus Pro: the relève's tests expect every Chorus invoice to hold its PDF)
        jdbc.sql("""
                INSERT INTO facteur.invoice (direction, channel, external_key, supplier_name, supplier_siret,
                    invoice_number, issue_date, currency, total_ht, total_tva, total_ttc, status, created_at, updated_at)
                SELECT 'RECEIVED', (ARRAY['UPLOAD', 'FOLDER', 'EMAIL'])[1 + n % 3],
                       'SEED:' || :supplier || ':' || n, 'Fournisseur ' || :supplier || ' ' || (n % 7), '73282932000074',
                       'AP-' || n, current_date - (n % 84), 'EUR', 100 * n, 20 * n, 120 * n,
                       (ARRAY['TO_VALIDATE', 'VALIDATED', 'DISPUTED', 'REJECTED', 'MANDATED', 'PAID'])[1 + n % 6],
                       now() - (n % 84) * INTERVAL '1 day', now()
                FROM generate_series(1, :n) AS n""")
                .param("supplier", supplier).param("n", SEEDED).update();
        jdbc.sql("""
                INSERT INTO facteur.invoice_status_history (invoice_id, changed_at, changed_by, from_status, to_status)
                SELECT id, created_at, 'test', NULL, 'RECEIVED' FROM facteur.invoice WHERE external_key LIKE :prefix
                UNION ALL
                SELECT id, created_at + INTERVAL '1 hour', 'test', 'RECEIVED', status FROM facteur.invoice
                WHERE external_key LIKE :prefix""")
                .param("prefix", "SEED:" + supplier + ":%").update();
        // a supplier name that a spreadsheet would run as a formula
        jdbc.sql("""
                INSERT INTO facteur.invoice (direction, channel, external_key, supplier_name, invoice_number, total_ttc,
                    status) VALUES ('RECEIVED', 'UPLOAD', :key, :name, 'AP-FORMULE', 10.50, 'TO_VALIDATE')""")
                .param("key", "SEED:" + supplier + ":formula")
                .param("name", "=HYPERLINK(\"http://example.org\") " + supplier)
                .update();
    }

    @Test
    void theOverviewShowsTheDatabasesNumbersAndRendersFast() throws Exception {
        ResponseEntity<String> page = demo.getForEntity("/apercu/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        String html = page.getBody();

        JsonNode summary = json.readTree(demo.getForObject("/api/invoices/summary", String.class));
        assertThat(html).contains("Aperçu des factures reçues", "À valider", "En litige", "Mise en paiement");
        assertThat(number(html, "count-overdue")).isEqualTo(summary.at("/overdue/count").asLong()).isPositive();
        assertThat(number(html, "count-disputed")).isEqualTo(summary.at("/disputed/count").asLong())
                .isGreaterThanOrEqualTo(SEEDED / 6);
        long toValidate = jdbc.sql("SELECT count(*) FROM facteur.invoice WHERE direction = 'RECEIVED' AND status = 'TO_VALIDATE'")
                .query(Long.class).single();
        assertThat(number(html, "count-to-validate")).isEqualTo(toValidate);

        // the chart: twelve weekly bars; this week's counts every received invoice that has a history
        List<Long> bars = weeklyTotals(html);
        assertThat(bars).hasSize(12);
        long withHistory = jdbc.sql("""
                SELECT count(*) FROM facteur.invoice i WHERE direction = 'RECEIVED'
                AND EXISTS (SELECT 1 FROM facteur.invoice_status_history h WHERE h.invoice_id = i.id)""")
                .query(Long.class).single();
        assertThat(bars.get(11)).isEqualTo(withHistory);
        assertThat(bars.get(0)).as("twelve weeks ago, fewer invoices had arrived").isLessThan(bars.get(11));

        // hundreds of invoices, well under a second (measured after a first render warms the templates)
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertThat(demo.getForEntity("/apercu/", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(millis);
        System.out.printf("Overview with %d invoices: median %d ms, slowest %d ms%n", withHistory, millis.get(2),
                millis.get(4));
        assertThat(millis.get(4)).isLessThan(1000);
    }

    @Test
    void theListsFilterAndExportWhatTheyShow() {
        String overdue = demo.getForObject("/apercu/factures?liste=en-retard", String.class);
        long overdueInSummary = jdbc.sql("""
                SELECT count(*) FROM facteur.invoice WHERE direction = 'RECEIVED'
                AND status NOT IN ('PAID', 'REJECTED', 'DUPLICATE', 'DISPUTED')
                AND (created_at AT TIME ZONE 'Europe/Paris')::date + 30 < (now() AT TIME ZONE 'Europe/Paris')::date""")
                .query(Long.class).single();
        assertThat(overdue).contains("En retard de paiement", "(dépassée)");
        assertThat(listCount(overdue)).isEqualTo(overdueInSummary);

        String ours = demo.getForObject("/apercu/factures?liste=toutes&fournisseur={s}&statut=DISPUTED", String.class,
                "Fournisseur " + supplier + " 3");
        long expected = jdbc.sql("""
                SELECT count(*) FROM facteur.invoice WHERE supplier_name = :name AND status = 'DISPUTED'""")
                .param("name", "Fournisseur " + supplier + " 3").query(Long.class).single();
        assertThat(expected).isPositive();
        assertThat(listCount(ours)).isEqualTo(expected);
        assertThat(rows(ours)).hasSize((int) expected);

        ResponseEntity<byte[]> csv = demo.getForEntity("/apercu/factures.csv?liste=toutes&fournisseur={s}", byte[].class,
                supplier);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).startsWith("factures-toutes-");
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFid;numero;fournisseur;");
        String[] lines = text.split("\r\n");
        assertThat(lines).hasSize(1 + SEEDED + 1);
        assertThat(text).contains(";AP-7;Fournisseur " + supplier + " 0;73282932000074;")
                .contains(";840,00;").contains("'=HYPERLINK(");
    }

    @Test
    void anInvoicesPageShowsItsDocumentTrailAndProcess() throws Exception {
        long id = json.readTree(upload(demo, TestDocuments.invoicePdf("F-2025-PAGE"), "page.pdf").getBody()).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.get(id).status() == InvoiceStatus.TO_VALIDATE);
        long documentId = invoices.mainDocumentId(id).orElseThrow();

        String html = demo.getForObject("/apercu/factures/{id}", String.class, id);

        assertThat(html).contains("F-2025-PAGE", "Papeterie Durand", "1 200,00 €", "À valider")
                .contains("<iframe name=\"viewer\"", "src=\"/api/documents/" + documentId + "\"")
                .contains("Réception", "Lecture du document", "Changement de statut")
                .contains("InvoiceReception", "Valider la facture", "/camunda/app/cockpit/default/#/process-instance/")
                .contains("/camunda/app/tasklist/default/#/?task=")
                .contains("/api/invoices/" + id + "/evidence");
        // every moment of the page in Paris time, whatever the server's zone or the database's offset
        java.time.format.DateTimeFormatter second = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
        String received = invoices.history(id).get(0).changedAt()
                .atZoneSameInstant(java.time.ZoneId.of("Europe/Paris")).format(second);
        String audited = audit.trail(id).get(0).occurredAt()
                .atZoneSameInstant(java.time.ZoneId.of("Europe/Paris")).format(second);
        assertThat(html).contains("<td class=\"when\">" + received + "</td>", "<td class=\"when\">" + audited + "</td>")
                .contains("Lu : texte du PDF, 1 page(s)");
        assertThat(demo.getForEntity("/apercu/factures/999999999", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void eachPersonSeesTheLinksTheyMayFollowAndErrorsAsPages() {
        long id = jdbc.sql("SELECT id FROM facteur.invoice WHERE external_key = :key")
                .param("key", "SEED:" + supplier + ":1").query(Long.class).single();
        String forValidator = html(anonymous.withBasicAuth("valideur", "valideur"), "/apercu/factures/" + id).getBody();
        assertThat(forValidator).contains("AP-1", "href=\"/televersement/\"").doesNotContain("href=\"/apercu/\"",
                "href=\"/apercu/factures?liste=a-valider\"");
        String forManager = html(anonymous.withBasicAuth("manager", "manager"), "/apercu/factures/" + id).getBody();
        assertThat(forManager).contains("href=\"/apercu/\"").doesNotContain("href=\"/televersement/\"");

        // a page the person may not see: a page that says so (a script still gets the JSON)
        ResponseEntity<String> denied = html(anonymous.withBasicAuth("valideur", "valideur"), "/apercu/");
        assertThat(denied.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(denied.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(denied.getBody()).contains("<h1>Accès refusé</h1>", "/camunda/app/tasklist/");
        ResponseEntity<String> deniedJson = anonymous.withBasicAuth("valideur", "valideur").getForEntity("/api/invoices/summary",
                String.class);
        assertThat(deniedJson.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(deniedJson.getBody()).startsWith("{\"error\":\"Accès refusé\"");

        ResponseEntity<String> missing = html(demo, "/apercu/factures/999999999");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).contains("<h1>Facture introuvable</h1>", "<header");

        // the upload page has the pages' header
        assertThat(html(anonymous.withBasicAuth("comptable", "comptable"), "/televersement/").getBody())
                .contains("<header", "Déposer des factures", "/camunda/app/tasklist/")
                .doesNotContain("href=\"/apercu/\"");
    }

    private static ResponseEntity<String> html(TestRestTemplate client, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        return client.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void thePagesNeedALoginAndAreLinkedFromCamunda() throws Exception {
        assertThat(anonymous.getForEntity("/apercu/", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getForEntity("/apercu/factures.csv", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        // the plugins ask who is logged in: with HTTP Basic there is no single sign-out to offer, and a
        // script's unauthenticated call gets no Basic challenge (no browser login dialog over Tasklist)
        JsonNode session = json.readTree(demo.getForObject("/api/session", String.class));
        assertThat(session.get("user").asText()).isEqualTo("demo");
        assertThat(session.get("groups")).extracting(JsonNode::asText).contains("camunda-admin");
        assertThat(session.get("logoutUrl").isNull()).isTrue();
        // the links each person may follow, as the webapps' scripts show them
        assertThat(session.get("links").findValuesAsText("href"))
                .containsExactly("/apercu/", "/apercu/factures?liste=en-retard", "/televersement/");
        assertThat(json.readTree(anonymous.withBasicAuth("valideur", "valideur").getForObject("/api/session", String.class))
                .get("links").findValuesAsText("label")).containsExactly("Déposer une facture");
        assertThat(json.readTree(anonymous.withBasicAuth("manager", "manager").getForObject("/api/session", String.class))
                .get("links").findValuesAsText("label")).containsExactly("Aperçu des factures", "Factures en retard");
        HttpHeaders script = new HttpHeaders();
        script.set("X-Requested-With", "facteur");
        ResponseEntity<String> fromScript = anonymous.exchange("/api/session", HttpMethod.GET, new HttpEntity<>(script),
                String.class);
        assertThat(fromScript.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(fromScript.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
        assertThat(anonymous.getForEntity("/api/session", String.class).getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .startsWith("Basic");
        // a page's own script (upload, supporting documents) keeps the challenge: the browser answers it
        // with the credentials it holds for the realm, which it does not send by itself to /api/
        ResponseEntity<String> upload = anonymous.exchange("/api/invoices/1/documents", HttpMethod.POST,
                new HttpEntity<>(script), String.class);
        assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(upload.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

        assertThat(anonymous.getForObject("/camunda/app/cockpit/scripts/config.js", String.class))
                .contains("customScripts", "scripts/facteur-links");
        assertThat(anonymous.getForObject("/camunda/app/cockpit/scripts/facteur-links.js", String.class))
                .contains("cockpit.dashboard", "facteur-session.js");
        assertThat(anonymous.getForObject("/camunda/app/tasklist/scripts/config.js", String.class))
                .contains("customScripts", "scripts/facteur-links", "shortcuts");
        assertThat(anonymous.getForObject("/camunda/app/tasklist/locales/fr.json", String.class))
                .contains("\"PAGE_LOGIN_SIGN_IN_ACTION\": \"Se connecter\"");
        assertThat(anonymous.getForObject("/camunda/app/tasklist/scripts/facteur-links.js", String.class))
                .contains("tasklist.navbar.action", "facteur-session.js");
        assertThat(anonymous.getForObject("/camunda/app/tasklist/scripts/facteur-session.js", String.class))
                .contains("/api/session", "logoutUrl");
        assertThat(anonymous.getForObject("/camunda/app/welcome/scripts/config.js", String.class))
                .contains("customScripts", "scripts/facteur-links", "links: []");
        assertThat(anonymous.getForObject("/camunda/app/welcome/scripts/facteur-links.js", String.class))
                .contains("welcome.dashboard", "facteur-session.js");
        assertThat(anonymous.getForObject("/camunda/app/admin/locales/fr.json", String.class))
                .contains("\"USERS_LIST_OF_USERS\": \"Liste des utilisateurs\"");
    }

    @Test
    void eachWeeksBarCountsTheLatestStatusBeforeTheWeeksEnd() {
        // with edges: a change at a week's very end (Monday 00:00 in Paris, counted in the next week only),
        // two changes at the same moment (the later one, by id, is the status)
        LocalDate monday = LocalDate.now(ZoneId.of("Europe/Paris")).with(java.time.DayOfWeek.MONDAY).minusWeeks(3);
        long edge = jdbc.sql("""
                INSERT INTO facteur.invoice (direction, channel, external_key, invoice_number, total_ttc, status)
                VALUES ('RECEIVED', 'UPLOAD', :key, 'AP-EDGE', 42, 'VALIDATED') RETURNING id""")
                .param("key", "SEED:" + supplier + ":edge").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO facteur.invoice_status_history (invoice_id, changed_at, changed_by, from_status, to_status)
                VALUES (:id, CAST(:monday AS timestamp) AT TIME ZONE 'Europe/Paris' - INTERVAL '1 week', 'test', NULL, 'RECEIVED'),
                       (:id, CAST(:monday AS timestamp) AT TIME ZONE 'Europe/Paris', 'test', 'RECEIVED', 'TO_VALIDATE'),
                       (:id, CAST(:monday AS timestamp) AT TIME ZONE 'Europe/Paris', 'test', 'TO_VALIDATE', 'VALIDATED')""")
                .param("id", edge).param("monday", monday).update();

        List<InvoiceLists.Week> weeks = lists.statusesByWeek(12);

        // the reference: for each week, each invoice's latest change before the week's end
        for (InvoiceLists.Week week : weeks) {
            List<InvoiceSummary.ByStatus> expected = jdbc.sql("""
                    SELECT s.status, count(*) AS n, coalesce(sum(s.total_ttc), 0) AS ttc
                    FROM (SELECT DISTINCT ON (h.invoice_id) h.to_status AS status, i.total_ttc
                          FROM facteur.invoice_status_history h
                          JOIN facteur.invoice i ON i.id = h.invoice_id AND i.direction = 'RECEIVED'
                          WHERE h.changed_at < (CAST(:start AS timestamp) + INTERVAL '1 week') AT TIME ZONE 'Europe/Paris'
                          ORDER BY h.invoice_id, h.changed_at DESC, h.id DESC) s
                    GROUP BY s.status ORDER BY s.status""")
                    .param("start", week.start())
                    .query((rs, n) -> new InvoiceSummary.ByStatus(rs.getString("status"), rs.getLong("n"),
                            rs.getBigDecimal("ttc")))
                    .list();
            // amounts compared as numbers (0 and 0.00 are the same total)
            assertThat(week.statuses()).as("week of %s", week.start())
                    .usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                            .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class).build())
                    .isEqualTo(expected);
        }
        assertThat(weeks).hasSize(12).extracting(InvoiceLists.Week::start).contains(monday.minusWeeks(1), monday);
    }

    private static long number(String html, String id) {
        Matcher matcher = Pattern.compile("id=\"" + id + "\"[^>]*>([0-9 ]+)<").matcher(html);
        assertThat(matcher.find()).as("element %s", id).isTrue();
        return Long.parseLong(matcher.group(1).replace(" ", ""));
    }

    private static long listCount(String html) {
        Matcher matcher = Pattern.compile("id=\"list-count\">— ([0-9]+) facture").matcher(html);
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static List<String> rows(String html) {
        List<String> rows = new ArrayList<>();
        Matcher matcher = Pattern.compile("<a href=\"/apercu/factures/([0-9]+)\"").matcher(html);
        while (matcher.find()) {
            rows.add(matcher.group(1));
        }
        return rows;
    }

    /** The sum of the segments of each bar of the chart, oldest week first. */
    private static List<Long> weeklyTotals(String html) {
        String svg = html.substring(html.indexOf("<svg id=\"status-chart\""), html.indexOf("</svg>", html.indexOf("status-chart")));
        List<Long> totals = new ArrayList<>();
        for (String group : svg.split("<g>")) {
            if (!group.contains("</g>")) {
                continue;
            }
            long total = 0;
            Matcher matcher = Pattern.compile("data-count=\"([0-9]+)\"").matcher(group);
            while (matcher.find()) {
                total += Long.parseLong(matcher.group(1));
            }
            totals.add(total);
        }
        return totals;
    }
}
