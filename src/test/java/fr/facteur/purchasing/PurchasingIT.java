package fr.facteur.purchasing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.purchasing.PurchaseOrderMatch.Outcome;
import fr.facteur.support.ApplicationTest;
import java.io.StringReader;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The purchase-order referential on PostgreSQL: import, matching, consumption. */
@ApplicationTest
class PurchasingIT {

    private static final String SUPPLIER = "44105523000029";
    private static final String OTHER = "81234567800013";

    @Autowired
    private PurchasingService purchasing;
    @Autowired
    private TestRestTemplate rest;

    @Test
    void importsACsvWithFrenchAmountsAndUpdatesOnReimport() {
        PurchasingService.ImportReport report = purchasing.importCsv(new StringReader("""
                numero;siret_fournisseur;code_service;libelle;montant_commande;montant_facture
                T-EJ-1;441 055 230 00029;SERV;"Papier; ramettes";"1 234,56";0
                T-EJ-2;44105523000029;;Toner;2500.00;
                """));
        assertThat(report.accepted()).isTrue();
        assertThat(report.created()).isEqualTo(2);
        assertThat(purchasing.find("t-ej-1")).get().satisfies(order -> {
            assertThat(order.amountOrdered()).isEqualByComparingTo("1234.56");
            assertThat(order.label()).isEqualTo("Papier; ramettes");
            assertThat(order.supplierSiret()).isEqualTo(SUPPLIER);
        });

        purchasing.recordInvoiced("T-EJ-2", new BigDecimal("500"));
        PurchasingService.ImportReport again = purchasing.importCsv(new StringReader("""
                numero,siret_fournisseur,montant_commande
                T-EJ-2,44105523000029,3000
                """));
        assertThat(again.updated()).isEqualTo(1);
        assertThat(purchasing.find("T-EJ-2").orElseThrow().remaining()).isEqualByComparingTo("2500");
    }

    @Test
    void aWrongLineImportsNothingAndSaysWhere() {
        long before = purchasing.count();
        PurchasingService.ImportReport report = purchasing.importCsv(new StringReader("""
                numero;siret_fournisseur;montant_commande
                T-BAD-1;44105523000029;100
                T-BAD-2;44105523000028;100
                T-BAD-3;44105523000029;cent euros
                """));
        assertThat(report.accepted()).isFalse();
        assertThat(report.errors()).hasSize(2)
                .anySatisfy(e -> assertThat(e).startsWith("Ligne 3").contains("SIRET"))
                .anySatisfy(e -> assertThat(e).startsWith("Ligne 4").contains("montant"));
        assertThat(purchasing.count()).isEqualTo(before);
        assertThat(purchasing.find("T-BAD-1")).isEmpty();

        assertThat(purchasing.importCsv(new StringReader("numero;montant\n")).errors())
                .anySatisfy(e -> assertThat(e).contains("siret_fournisseur"));
    }

    @Test
    void matchesByNumberOrBySupplierAndAmount() {
        purchasing.importCsv(new StringReader("""
                numero;siret_fournisseur;montant_commande;montant_facture
                T-M-1;44105523000029;10000;2000
                T-M-2;44105523000029;777,70;0
                T-M-3;81234567800013;500;0
                """));
        PurchaseOrderMatch byNumber = purchasing.match("t-m-1", SUPPLIER, null, new BigDecimal("1500"));
        assertThat(byNumber.outcome()).isEqualTo(Outcome.MATCHED_BY_NUMBER);
        assertThat(byNumber.remainingBefore()).isEqualByComparingTo("8000");
        assertThat(byNumber.remainingAfter()).isEqualByComparingTo("6500");

        assertThat(purchasing.match("T-M-1", SUPPLIER, null, new BigDecimal("9000")).outcome()).isEqualTo(Outcome.OVER_BALANCE);
        assertThat(purchasing.match("T-M-3", SUPPLIER, null, new BigDecimal("10")).outcome()).isEqualTo(Outcome.OTHER_SUPPLIER);
        assertThat(purchasing.match(null, SUPPLIER, null, new BigDecimal("778.20")))
                .satisfies(m -> {
                    assertThat(m.outcome()).isEqualTo(Outcome.MATCHED_BY_SUPPLIER_AND_AMOUNT);
                    assertThat(m.orderNumber()).isEqualTo("T-M-2");
                });
        assertThat(purchasing.match("T-INCONNU", OTHER, null, new BigDecimal("1")).outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void anOrderOfAnotherServiceDoesNotMatch() {
        purchasing.importCsv(new StringReader("""
                numero;siret_fournisseur;code_service;montant_commande;montant_facture
                T-S-1;44105523000029;SERV_FINANCES;4321,00;0
                T-S-2;44105523000029;SERV_TECHNIQUES;4321,00;0
                T-S-3;44105523000029;;1234,50;0
                """));
        // by number: the order of another service is named as such, and sent to a manager by the routing
        PurchaseOrderMatch other = purchasing.match("T-S-1", SUPPLIER, "SERV_TECHNIQUES", new BigDecimal("100"));
        assertThat(other.outcome()).isEqualTo(Outcome.OTHER_SERVICE);
        assertThat(other.message()).contains("service SERV_FINANCES").contains("service SERV_TECHNIQUES");
        assertThat(purchasing.match("T-S-1", SUPPLIER, "serv_finances", new BigDecimal("100")).outcome())
                .isEqualTo(Outcome.MATCHED_BY_NUMBER);
        // by supplier and amount: two orders of that amount, one per service — the invoice's service decides
        assertThat(purchasing.match(null, SUPPLIER, "SERV_TECHNIQUES", new BigDecimal("4321")))
                .satisfies(m -> {
                    assertThat(m.outcome()).isEqualTo(Outcome.MATCHED_BY_SUPPLIER_AND_AMOUNT);
                    assertThat(m.orderNumber()).isEqualTo("T-S-2");
                });
        assertThat(purchasing.match(null, SUPPLIER, null, new BigDecimal("4321")).outcome())
                .as("no service on the invoice: both fit").isEqualTo(Outcome.AMBIGUOUS);
        assertThat(purchasing.match(null, SUPPLIER, "ACHATS", new BigDecimal("4321")).outcome())
                .isEqualTo(Outcome.NOT_FOUND);
        // an order without a service code rules no service out
        assertThat(purchasing.match(null, SUPPLIER, "ACHATS", new BigDecimal("1234.50")).orderNumber()).isEqualTo("T-S-3");
    }

    @Test
    void theApiImportsAndRefusesWithTheReasons() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        ResponseEntity<String> ok = rest.withBasicAuth("demo", "demo").postForEntity("/api/purchase-orders/import",
                new HttpEntity<>("numero;siret_fournisseur;montant_commande\nT-API-1;51234567800019;42\n", headers),
                String.class);
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ok.getBody()).contains("\"created\":1");

        ResponseEntity<String> refused = rest.withBasicAuth("demo", "demo").postForEntity("/api/purchase-orders/import",
                new HttpEntity<>("numero;siret_fournisseur;montant_commande\nT-API-2;123;42\n", headers), String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("Ligne 2", "SIRET");

        assertThat(rest.getForEntity("/api/purchase-orders", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
