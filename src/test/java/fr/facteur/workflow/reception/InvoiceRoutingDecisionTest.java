package fr.facteur.workflow.reception;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.support.ProcessTestEngines;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code processes/invoice-routing.dmn}: who validates which invoice. */
class InvoiceRoutingDecisionTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void deploy() {
        ProcessEngineConfiguration configuration = ProcessTestEngines.configuration("invoice-routing-decision-test");
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addClasspathResource("processes/invoice-routing.dmn").deploy();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @ParameterizedTest(name = "service {0}, supplier {1}, {2} € TTC, {3} → {4}")
    @CsvSource({
        "SERV_FINANCES, 44105523000029, 1200.00, MATCHED_BY_NUMBER, valideurs",
        ", 44105523000029, 39999.99, NOT_FOUND, valideurs",
        "ACHATS, 44105523000029, 40000.00, MATCHED_BY_NUMBER, 'valideurs,managers'",
        ", 44105523000029, 250000.00, NOT_FOUND, 'valideurs,managers'",
        "ACHATS, 44105523000029, 800.00, OTHER_SUPPLIER, 'valideurs,managers'",
        "ACHATS, 44105523000029, 800.00, OTHER_SERVICE, 'valideurs,managers'",
        "ACHATS, 44105523000029, 800.00, OVER_BALANCE, 'valideurs,managers'",
        ", 44105523000029, 800.00, AMBIGUOUS, valideurs",
        // the services' own rules: works above 10 000 € seen by a manager, below not, other services not
        "SERV_TECHNIQUES, 81234567800013, 12000.00, MATCHED_BY_NUMBER, 'valideurs,managers'",
        "SERV_TECHNIQUES, 81234567800013, 9999.99, MATCHED_BY_NUMBER, valideurs",
        "SERV_FINANCES, 81234567800013, 12000.00, MATCHED_BY_NUMBER, valideurs",
        // a supplier without a SIRET read: an accountant may take it too
        "SERV_FINANCES, , 800.00, NOT_FOUND, 'valideurs,comptables'",
    })
    void routes(String serviceCode, String supplierSiret, double totalTtc, String matchOutcome, String groups) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("serviceCode", serviceCode);
        variables.put("supplierSiret", supplierSiret);
        variables.put("totalTtc", totalTtc);
        variables.put("matchOutcome", matchOutcome);
        Object result = engine.getDecisionService().evaluateDecisionTableByKey("InvoiceRouting", variables)
                .getSingleResult().getSingleEntry();
        assertThat(result).isEqualTo(groups);
    }
}
