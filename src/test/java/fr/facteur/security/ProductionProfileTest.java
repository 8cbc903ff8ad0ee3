package fr.facteur.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.facteur.FacteurApplication;
import fr.facteur.support.TestDatabase;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The prod profile refuses what only belongs to the default run. */
class ProductionProfileTest {

    @Test
    void prodRefusesTheEmbeddedDatabase() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FacteurApplication.class)
                .profiles("prod")
                .run("--server.port=0").close())
                .hasStackTraceContaining("The prod profile needs a real PostgreSQL server");
    }

    @Test
    void prodRequiresARealChorusPro() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FacteurApplication.class)
                .profiles("prod")
                .run("--server.port=0",
                        "--spring.datasource.url=" + TestDatabase.newDatabase(),
                        "--spring.datasource.username=postgres")
                .close())
                .hasStackTraceContaining("facteur.chorus.api-url and facteur.chorus.token-url are required");
    }

    @Test
    void prodRefusesDemoUsers() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FacteurApplication.class)
                .profiles("prod")
                .run("--server.port=0",
                        "--spring.datasource.url=" + TestDatabase.newDatabase(),
                        "--spring.datasource.username=postgres",
                        "--facteur.chorus.api-url=http://localhost:9",
                        "--facteur.chorus.token-url=http://localhost:9/token",
                        "--facteur.demo.enabled=true")
                .close())
                .hasStackTraceContaining("facteur.demo.enabled");
    }

    @Test
    void prodRefusesAnAccountThatKeptItsDemoPassword() {
        ProcessEngine engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setJdbcUrl(TestDatabase.newDatabase())
                .setJdbcDriver("org.postgresql.Driver")
                .setJdbcUsername("postgres")
                .setJdbcPassword("")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setJobExecutorActivate(false)
                .setProcessEngineName("prod-check")
                .buildProcessEngine();
        try {
            IdentityService identity = engine.getIdentityService();
            ProductionSafetyCheck check = new ProductionSafetyCheck(identity, new DemoProperties(false));
            assertThatCode(check::afterSingletonsInstantiated).doesNotThrowAnyException();

            User manager = identity.newUser("manager");
            manager.setPassword("manager");
            identity.saveUser(manager);
            assertThatThrownBy(check::afterSingletonsInstantiated).hasMessageContaining("'manager'");

            manager = identity.createUserQuery().userId("manager").singleResult();
            manager.setPassword("Un-vrai-mot-de-passe-2025");
            identity.saveUser(manager);
            assertThatCode(check::afterSingletonsInstantiated).doesNotThrowAnyException();
        } finally {
            engine.close();
        }
    }
}
