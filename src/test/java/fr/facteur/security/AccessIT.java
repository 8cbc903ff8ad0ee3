package fr.facteur.security;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Who reaches what: nothing but health without login; Camunda's authorizations per group. */
@ApplicationTest
class AccessIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;
    @Autowired
    private TaskService taskService;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private fr.facteur.workflow.extraction.ExtractionWorker embeddedWorker;
    @Autowired
    private fr.facteur.invoice.InvoiceService invoices;
    @Autowired
    private fr.facteur.purchasing.PurchasingService purchasing;

    @Test
    void healthIsPublicAndReportsTheDatabase() throws Exception {
        ResponseEntity<String> health = anonymous.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(health.getBody()).get("status").asText()).isEqualTo("UP");

        JsonNode detailed = json.readTree(anonymous.withBasicAuth("demo", "demo")
                .getForObject("/actuator/health", String.class));
        assertThat(detailed.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(detailed.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
    }

    @Test
    void everyApiPathAnswers401WithoutCredentials() {
        List<String> paths = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    for (RequestMethod verb : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        paths.add(verb + " " + pattern.replaceAll("\\{[^}]+}", "1"));
                    }
                }
            }
        });
        assertThat(paths).contains("POST /api/invoices", "GET /api/invoices", "GET /api/invoices/1",
                "GET /api/documents/1");
        paths.addAll(List.of("GET /engine-rest/engine", "GET /engine-rest/task", "GET /engine-rest/process-definition",
                "POST /engine-rest/process-definition/key/InvoiceReception/start", "GET /actuator/info",
                "GET /actuator/metrics", "GET /actuator/prometheus", "GET /v3/api-docs", "GET /swagger-ui/index.html"));

        for (String call : paths) {
            String[] parts = call.split(" ");
            ResponseEntity<String> response = anonymous.exchange(parts[1], HttpMethod.valueOf(parts[0]),
                    HttpEntity.EMPTY, String.class);
            assertThat(response.getStatusCode()).as(call).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(call).startsWith("Basic");
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        // Its own user: after a failed login Camunda delays the next attempts of that user.
        if (identityService.createUserQuery().userId("motdepasse").count() == 0) {
            User user = identityService.newUser("motdepasse");
            user.setPassword("le-bon");
            identityService.saveUser(user);
        }
        assertThat(anonymous.withBasicAuth("motdepasse", "le-bon").getForEntity("/api/invoices", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous.withBasicAuth("motdepasse", "wrong").getForEntity("/api/invoices", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.withBasicAuth("nobody", "nobody").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void prometheusMetricsNeedALoginAndIncludeTheJobExecutor() {
        ResponseEntity<String> metrics = anonymous.withBasicAuth("demo", "demo")
                .getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes", "hikaricp_connections");
    }

    @Test
    void validatorCompletesTheValidationTaskAndAccountantCannot() throws Exception {
        TestRestTemplate demo = anonymous.withBasicAuth("demo", "demo");
        JsonNode invoice = json.readTree(upload(demo, TestDocuments.invoicePdf("A-1"), "a.pdf").getBody());
        String key = invoice.get("externalKey").asText();
        Task task = await().atMost(Duration.ofSeconds(30)).until(
                () -> taskService.createTaskQuery().processInstanceBusinessKey(key).singleResult(), t -> t != null);

        TestRestTemplate accountant = anonymous.withBasicAuth("comptable", "comptable");
        TestRestTemplate validator = anonymous.withBasicAuth("valideur", "valideur");

        assertThat(taskIds(accountant)).doesNotContain(task.getId());
        assertThat(taskIds(validator)).contains(task.getId());
        assertThat(complete(accountant, task.getId(), "APPROVE").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(validator.getForEntity("/engine-rest/user", String.class).getBody())
                .doesNotContain("\"id\":\"demo\"");

        assertThat(complete(validator, task.getId(), "APPROVE").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode detail = json.readTree(demo.getForObject("/api/invoices/" + invoice.get("id").asLong(), String.class));
        assertThat(detail.get("status").asText()).isEqualTo("VALIDATED");
        JsonNode last = detail.get("history").get(detail.get("history").size() - 1);
        assertThat(last.get("changedBy").asText()).isEqualTo("valideur");
        assertThat(last.get("to").asText()).isEqualTo("VALIDATED");
    }

    @Test
    void tasklistLoginShowsTheValidationTask() throws Exception {
        TestRestTemplate demo = anonymous.withBasicAuth("demo", "demo");
        String key = json.readTree(upload(demo, TestDocuments.invoicePdf("T-1"), "t.pdf").getBody())
                .get("externalKey").asText();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> taskService.createTaskQuery().processInstanceBusinessKey(key).count() == 1);

        assertThat(anonymous.getForEntity("/camunda/app/tasklist/default/", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(anonymous.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        // Log in the way Tasklist does: the CSRF token comes from a first page, the session from the login.
        ResponseEntity<String> page = anonymous.getForEntity("/camunda/app/tasklist/default/", String.class);
        String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
        String cookies = String.join("; ", page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(c -> c.split(";")[0]).toList());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add("X-XSRF-TOKEN", csrf);
        headers.add(HttpHeaders.COOKIE, cookies);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", "valideur");
        form.add("password", "valideur");
        ResponseEntity<String> login = anonymous.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
                new HttpEntity<>(form, headers), String.class);
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(login.getBody()).contains("\"userId\":\"valideur\"");

        HttpHeaders session = new HttpHeaders();
        session.add(HttpHeaders.COOKIE, String.join("; ", login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(c -> c.split(";")[0]).toList()));
        session.add("X-XSRF-TOKEN", csrf);
        ResponseEntity<String> tasks = anonymous.exchange(
                "/camunda/api/engine/engine/default/task?processInstanceBusinessKey=" + key, HttpMethod.GET,
                new HttpEntity<>(session), String.class);
        assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasks.getBody()).contains("Valider la facture");
    }

    @Test
    void anOcrWorkerReachesOnlyTheInvoiceItIsReading() throws Exception {
        embeddedWorker.stop();
        try {
            TestRestTemplate demo = anonymous.withBasicAuth("demo", "demo");
            long first = json.readTree(upload(demo, TestDocuments.invoicePdf("W-1"), "w1.pdf").getBody()).get("id").asLong();
            long second = json.readTree(upload(demo, TestDocuments.invoicePdf("W-2"), "w2.pdf").getBody()).get("id").asLong();
            TestRestTemplate worker = anonymous.withBasicAuth("ocr", "ocr");
            JsonNode locked = await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(worker.postForObject(
                    "/engine-rest/external-task/fetchAndLock", Map.of("workerId", "test-ocr", "maxTasks", 1,
                            "topics", List.of(Map.of("topicName", "invoice-extraction", "lockDuration", 60000,
                                    "variables", List.of("invoiceId")))), String.class)), tasks -> tasks.size() == 1).get(0);
            long reading = locked.at("/variables/invoiceId/value").asLong();
            long other = reading == first ? second : first;
            long readingDocument = invoices.mainDocumentId(reading).orElseThrow();
            long otherDocument = invoices.mainDocumentId(other).orElseThrow();

            assertThat(worker.getForEntity("/api/invoices/" + reading, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(worker.getForEntity("/api/documents/" + readingDocument, byte[].class).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            for (String path : List.of("/api/invoices/" + other, "/api/documents/" + otherDocument, "/api/invoices",
                    "/api/invoices/" + reading + "/evidence", "/api/search?q=facture", "/engine-rest/process-instance",
                    "/engine-rest/task", "/apercu/", "/actuator/metrics")) {
                assertThat(worker.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            }
            String instance = locked.get("processInstanceId").asText();
            assertThat(worker.postForEntity("/engine-rest/process-instance/" + instance + "/variables",
                    Map.of("modifications", Map.of("decision", Map.of("value", "APPROVE"))), String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(worker.exchange("/api/invoices/" + other + "/extraction", HttpMethod.PUT, new HttpEntity<>(
                    Map.of("source", "OCR", "pages", 1, "fields", Map.of())), String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            // completing its own task cannot rename the invoice either
            ResponseEntity<String> forged = worker.postForEntity("/engine-rest/external-task/" + locked.get("id").asText()
                    + "/complete", Map.of("workerId", "test-ocr", "variables",
                    Map.of("invoiceId", Map.of("value", other))), String.class);
            assertThat(forged.getStatusCode().is4xxClientError()).as(forged.getBody()).isTrue();
            assertThat(worker.postForEntity("/engine-rest/external-task/" + locked.get("id").asText() + "/unlock", null,
                    String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        } finally {
            embeddedWorker.start();
        }
    }

    @Test
    void eachGroupChangesOnlyWhatItsRoleAllows() {
        String csv = "numero;siret_fournisseur;montant_commande;libelle\nEJ-DROITS-1;73282932000074;500;Papier\n";
        HttpHeaders text = new HttpHeaders();
        text.setContentType(MediaType.TEXT_PLAIN);
        for (String user : List.of("valideur", "manager", "analyste", "ocr")) {
            assertThat(anonymous.withBasicAuth(user, user).postForEntity("/api/purchase-orders/import",
                    new HttpEntity<>(csv, text), String.class).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        TestRestTemplate accountant = anonymous.withBasicAuth("comptable", "comptable");
        assertThat(accountant.postForEntity("/api/purchase-orders/import", new HttpEntity<>(csv, text), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(accountant.postForEntity("/api/purchase-orders/import", new HttpEntity<>(csv.replace(";500;", ";650;"),
                text), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        var changes = purchasing.changes("EJ-DROITS-1");
        assertThat(changes).extracting(c -> c.action() + " by " + c.actor())
                .containsExactly("CREATED by comptable", "UPDATED by comptable");
        assertThat(changes.get(1).before()).contains("\"amountOrdered\": 500.00");
        assertThat(changes.get(1).after()).contains("\"amountOrdered\": 650.00");

        // managers and analysts read only: no upload
        for (String user : List.of("manager", "analyste")) {
            assertThat(upload(anonymous.withBasicAuth(user, user), TestDocuments.invoicePdf("RO-" + user), "ro.pdf")
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(anonymous.withBasicAuth(user, user).getForEntity("/api/invoices", String.class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.OK);
        }

        // the emulator's control and the actuator beyond health: administrators only
        for (String user : List.of("valideur", "comptable", "manager", "analyste", "ocr")) {
            TestRestTemplate client = anonymous.withBasicAuth(user, user);
            assertThat(client.postForEntity("/emulator/control/invoices", Map.of("count", 1), String.class)
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(client.getForEntity("/actuator/metrics", String.class).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(client.getForEntity("/actuator/health", String.class).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.OK);
        }
        assertThat(anonymous.withBasicAuth("demo", "demo").getForEntity("/actuator/metrics", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void managersAndAnalystsReadButDoNotCompleteAValidation() throws Exception {
        TestRestTemplate demo = anonymous.withBasicAuth("demo", "demo");
        String key = json.readTree(upload(demo, TestDocuments.invoicePdf("M-1"), "m.pdf").getBody())
                .get("externalKey").asText();
        Task task = await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(key).taskDefinitionKey("Task_ValidateInvoice").singleResult(), t -> t != null);
        TestRestTemplate manager = anonymous.withBasicAuth("manager", "manager");
        assertThat(taskIds(manager)).contains(task.getId());
        assertThat(complete(manager, task.getId(), "APPROVE").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(complete(anonymous.withBasicAuth("analyste", "analyste"), task.getId(), "APPROVE").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    }

    @Test
    void wrongPasswordsDelayTheAccountForMinutesNeverForGood() {
        if (identityService.createUserQuery().userId("verrou").count() == 0) {
            User user = identityService.newUser("verrou");
            user.setPassword("le-bon-mot-de-passe");
            identityService.saveUser(user);
        }
        for (int i = 0; i < 15; i++) {
            anonymous.withBasicAuth("verrou", "mauvais-" + i).getForEntity("/api/invoices", String.class);
        }
        // locked now, even with the right password...
        assertThat(anonymous.withBasicAuth("verrou", "le-bon-mot-de-passe").getForEntity("/api/invoices", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // ...but for 5 minutes at most (Camunda's default would lock it for good after 10 failures)
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(
                java.util.Date.from(java.time.Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(5)));
        try {
            assertThat(anonymous.withBasicAuth("verrou", "le-bon-mot-de-passe").getForEntity("/api/invoices",
                    String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
    }

    private List<String> taskIds(TestRestTemplate client) throws Exception {
        List<String> ids = new ArrayList<>();
        json.readTree(client.getForObject("/engine-rest/task", String.class)).forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private ResponseEntity<String> complete(TestRestTemplate client, String taskId, String decision) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> body = Map.of("variables", Map.of("decision", Map.of("value", decision)));
        return client.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
    }
}
