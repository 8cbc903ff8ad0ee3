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
