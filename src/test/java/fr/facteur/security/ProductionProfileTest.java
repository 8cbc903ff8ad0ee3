package fr.facteur.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.facteur.FacteurApplication;
import fr.facteur.support.TestDatabase;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;

/** The prod profile refuses what only belongs to the default run. */
class ProductionProfileTest {

    /**
     * The engines of a JVM share one static registry by name: an application started (and closed)
     * here under the name "default" would take the shared test context's engine out of it (no hyphen:
     * Camunda ignores such a name).
     */
    private static final String OWN_ENGINE = "--camunda.bpm.process-engine-name=prodProfileTest";

    @Test
    void prodRefusesTheEmbeddedDatabase() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FacteurApplication.class)
                .profiles("prod")
                .run("--server.port=0", OWN_ENGINE).close())
                .hasStackTraceContaining("The prod profile needs a real PostgreSQL server");
    }

    @Test
    void prodRequiresARealChorusPro() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FacteurApplication.class)
                .profiles("prod")
                .run("--server.port=0", OWN_ENGINE,
                        "--spring.datasource.url=" + TestDatabase.newDatabase(),
                        "--spring.datasource.username=postgres")
                .close())
                .hasStackTraceContaining("facteur.chorus.api-url and facteur.chorus.token-url are required");
    }

    @Test
    void prodRefusesDemoUsers() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FacteurApplication.class)
                .profiles("prod")
                .run("--server.port=0", OWN_ENGINE,
                        "--spring.datasource.url=" + TestDatabase.newDatabase(),
                        "--spring.datasource.username=postgres",
                        "--facteur.chorus.api-url=http://localhost:9",
                        "--facteur.chorus.token-url=http://localhost:9/token",
                        "--facteur.demo.enabled=true")
                .close())
                .hasStackTraceContaining("facteur.demo.enabled");
    }

    @Test
    void prodRefusesAnAccountThatKeptItsDemoPasswordAndStartsOnlyWithARealAdministrator() {
        ProcessEngine engine = engine("prod-check");
        try {
            IdentityService identity = engine.getIdentityService();
            ProductionSafetyCheck check = new ProductionSafetyCheck(identity, new DemoProperties(false),
                    new MockEnvironment());
            // Camunda's setup page would let anyone create the first administrator: refused instead
            assertThatThrownBy(check::afterSingletonsInstantiated).hasMessageContaining("No administrator");

            Group admins = identity.newGroup(Groups.ADMIN);
            identity.saveGroup(admins);
            User admin = identity.newUser("chef");
            admin.setPassword("Un-vrai-mot-de-passe-2025");
            identity.saveUser(admin);
            identity.createMembership("chef", Groups.ADMIN);
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

    @Test
    void prodRefusesAConfiguredAdministratorWithAWeakPassword() {
        ProcessEngine engine = engine("prod-admin-check");
        try {
            IdentityService identity = engine.getIdentityService();
            for (String weak : new String[] {null, "", "admin", "court-2025"}) {
                MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "admin");
                if (weak != null) {
                    environment.setProperty("camunda.bpm.admin-user.password", weak);
                }
                assertThatThrownBy(new ProductionSafetyCheck(identity, new DemoProperties(false), environment)
                        ::afterSingletonsInstantiated).as(String.valueOf(weak))
                        .hasMessageContaining("at least 12 characters");
            }
        } finally {
            engine.close();
        }
    }

    @Test
    void theSetupPageIsRecognisedWhateverTheEngineName() {
        for (String path : new String[] {"/camunda/app/admin/default/setup/", "/camunda/app/admin/default/setup",
            "/camunda/api/admin/setup/default/user/create", "/camunda/API/admin/setup/default/user/create"}) {
            assertThat(ProductionSafetyCheck.isSetup(new MockHttpServletRequest("POST", path))).as(path).isTrue();
        }
        assertThat(ProductionSafetyCheck.isSetup(new MockHttpServletRequest("GET", "/camunda/app/admin/default/")))
                .isFalse();
    }

    private static ProcessEngine engine(String name) {
        return ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setJdbcUrl(TestDatabase.newDatabase())
                .setJdbcDriver("org.postgresql.Driver")
                .setJdbcUsername("postgres")
                .setJdbcPassword("")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setJobExecutorActivate(false)
                .setProcessEngineName(name)
                .buildProcessEngine();
    }
}
