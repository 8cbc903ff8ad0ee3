package fr.facteur.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.invoice.InvoiceService;
import fr.facteur.purchasing.PurchasingService;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A page of another site cannot make a logged-in browser change anything: the requests carry the
 * headers a browser adds to a cross-site form post (cached Basic credentials included).
 */
@ApplicationTest
class CrossSiteRequestIT {

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private PurchasingService purchasing;
    @Autowired
    private RepositoryService repositoryService;
    @LocalServerPort
    private int port;

    @Test
    void aCrossSiteFormPostChangesNothing() {
        long invoicesBefore = invoices.count(null, null);
        long ordersBefore = purchasing.count();
        long deploymentsBefore = repositoryService.createDeploymentQuery().count();

        for (Consumer<HttpHeaders> browser : Map.<String, Consumer<HttpHeaders>>of(
                "modern", h -> {
                    h.set("Sec-Fetch-Site", "cross-site");
                    h.set("Origin", "https://attaquant.example");
                },
                "same-site subdomain", h -> h.set("Sec-Fetch-Site", "same-site"),
                "older browser", h -> h.set("Origin", "https://attaquant.example"),
                "sandboxed frame", h -> h.set("Origin", "null"),
                "referer only", h -> h.set("Referer", "https://attaquant.example/piege.html")).values()) {
            assertThat(uploadInvoice(browser).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(importOrders(browser).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(deploy(browser).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }

        assertThat(invoices.count(null, null)).isEqualTo(invoicesBefore);
        assertThat(purchasing.count()).isEqualTo(ordersBefore);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
    }

    @Test
    void ourOwnPagesAndClientsThatAreNotBrowsersStillWork() {
        Consumer<HttpHeaders> ownPage = h -> {
            h.set("Sec-Fetch-Site", "same-origin");
            h.set("Origin", "http://localhost:" + port);
        };
        assertThat(uploadInvoice(ownPage).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(uploadInvoice(h -> h.set("Origin", "http://localhost:" + port)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        // curl, the OCR worker, a script: no browser header at all
        assertThat(uploadInvoice(h -> { }).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(importOrders(h -> { }).getStatusCode()).isEqualTo(HttpStatus.OK);
        // reading is never refused: a link from another site opens the page
        HttpHeaders link = new HttpHeaders();
        link.set("Sec-Fetch-Site", "cross-site");
        assertThat(rest.withBasicAuth("demo", "demo").exchange("/api/invoices", org.springframework.http.HttpMethod.GET,
                new HttpEntity<>(link), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<String> uploadInvoice(Consumer<HttpHeaders> browser) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", file(TestDocuments.invoicePdf("CS-" + System.nanoTime()), "facture.pdf"));
        return post("/api/invoices", body, MediaType.MULTIPART_FORM_DATA, browser);
    }

    private ResponseEntity<String> importOrders(Consumer<HttpHeaders> browser) {
        String csv = "numero;siret_fournisseur;montant_commande\nEJ-CSRF-" + System.nanoTime() + ";73282932000074;10\n";
        return post("/api/purchase-orders/import", csv, MediaType.TEXT_PLAIN, browser);
    }

    private ResponseEntity<String> deploy(Consumer<HttpHeaders> browser) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("deployment-name", "csrf");
        body.add("data", file("""
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
                  <bpmn:process id="Csrf" isExecutable="false" />
                </bpmn:definitions>""".getBytes(StandardCharsets.UTF_8), "csrf.bpmn"));
        return post("/engine-rest/deployment/create", body, MediaType.MULTIPART_FORM_DATA, browser);
    }

    private ResponseEntity<String> post(String path, Object body, MediaType type, Consumer<HttpHeaders> browser) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        browser.accept(headers);
        return rest.withBasicAuth("demo", "demo").postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private static ByteArrayResource file(byte[] bytes, String name) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }
}
