package fr.facteur.workflow.reception;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.support.ProcessTestEngines;
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

    @ParameterizedTest(name = "{0} € TTC, {1} → {2}")
    @CsvSource({
        "1200.00, MATCHED_BY_NUMBER, valideurs",
        "39999.99, NOT_FOUND, valideurs",
        "40000.00, MATCHED_BY_NUMBER, 'valideurs,managers'",
        "250000.00, NOT_FOUND, 'valideurs,managers'",
        "800.00, OTHER_SUPPLIER, 'valideurs,managers'",
        "800.00, OVER_BALANCE, 'valideurs,managers'",
        "800.00, AMBIGUOUS, valideurs",
    })
    void routes(double totalTtc, String matchOutcome, String groups) {
        Object result = engine.getDecisionService().evaluateDecisionTableByKey("InvoiceRouting",
                Map.of("totalTtc", totalTtc, "matchOutcome", matchOutcome)).getSingleResult().getSingleEntry();
        assertThat(result).isEqualTo(groups);
    }
}
