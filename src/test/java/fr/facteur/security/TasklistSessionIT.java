package fr.facteur.security;

import static fr.facteur.support.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.net.HttpCookie;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Default run: logged in to Tasklist (its own login page and session), a person opens the invoice's
 * document and page from the task form without a second login; the session reads only, with the
 * person's own rights.
 */
@ApplicationTest
class TasklistSessionIT {

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private ObjectMapper json;

    @Test
    void aTasklistSessionReadsTheDocumentAndThePagesAndWritesNothing() throws Exception {
        long id = json.readTree(upload(anonymous.withBasicAuth("demo", "demo"), TestDocuments.invoicePdf("F-SESSION-1"),
                "session.pdf").getBody()).get("id").asLong();
        long documentId = invoices.mainDocumentId(id).orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.get(id).status() == InvoiceStatus.TO_VALIDATE);
        Map<String, String> cookies = tasklistLogin("valideur", "valideur");

        ResponseEntity<byte[]> document = get("/api/documents/" + documentId, cookies, byte[].class);
        assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(new String(document.getBody(), 0, 5)).isEqualTo("%PDF-");
        assertThat(get("/apercu/factures/" + id, cookies, String.class).getBody()).contains("F-SESSION-1", "Papeterie Durand");
        assertThat(get("/api/invoices/" + id, cookies, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        // the person's own rights: a validator does not see the managers' overview
        assertThat(get("/apercu/", cookies, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // reads only: a write with the session cookie alone is not logged in, nor is engine REST
        HttpHeaders write = headers(cookies);
        write.setContentType(MediaType.APPLICATION_JSON);
        assertThat(anonymous.exchange("/api/chorus/releve", HttpMethod.POST, new HttpEntity<>("{}", write), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/engine-rest/task", cookies, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // and without the session, nothing
        assertThat(anonymous.getForEntity("/api/documents/" + documentId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aForgedOrEndedSessionIsNoLogin() {
        assertThat(get("/api/session", Map.of("JSESSIONID", "not-a-session"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        Map<String, String> cookies = tasklistLogin("comptable", "comptable");
        assertThat(get("/api/session", cookies, String.class).getBody()).contains("\"user\":\"comptable\"");
        HttpHeaders logout = headers(cookies);
        logout.set("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        anonymous.exchange("/camunda/api/admin/auth/user/default/logout", HttpMethod.POST, new HttpEntity<>(logout),
                String.class);
        assertThat(get("/api/session", cookies, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** Logs in through Tasklist's own login (as its page does, with its CSRF token); returns the cookies. */
    private Map<String, String> tasklistLogin(String user, String password) {
        Map<String, String> cookies = new LinkedHashMap<>();
        keep(anonymous.getForEntity("/camunda/app/tasklist/default/", String.class), cookies);
        HttpHeaders headers = headers(cookies);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        ResponseEntity<String> login = anonymous.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
                HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
        assertThat(login.getStatusCode()).as(login.getBody()).isEqualTo(HttpStatus.OK);
        keep(login, cookies);
        return cookies;
    }

    private <T> ResponseEntity<T> get(String path, Map<String, String> cookies, Class<T> type) {
        return anonymous.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(cookies)), type);
    }

    private static HttpHeaders headers(Map<String, String> cookies) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, String.join("; ", cookies.entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList()));
        headers.setAccept(List.of(MediaType.ALL));
        return headers;
    }

    private static void keep(ResponseEntity<?> response, Map<String, String> cookies) {
        List<String> set = response.getHeaders().get(HttpHeaders.SET_COOKIE);
        if (set != null) {
            set.forEach(header -> HttpCookie.parse(header).forEach(cookie -> cookies.put(cookie.getName(),
                    cookie.getValue())));
        }
    }
}
