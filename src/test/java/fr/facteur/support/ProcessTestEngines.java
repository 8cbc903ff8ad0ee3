package fr.facteur.support;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;

/**
 * A process engine for one process test class: its own database on the test PostgreSQL server,
 * coverage listeners, no job executor (tests run jobs themselves), beans resolved from
 * {@code Mocks}. Each engine gets its own name so that it never shadows the application's.
 */
public final class ProcessTestEngines {

    private ProcessTestEngines() {
    }

    public static ProcessEngineConfiguration configuration(String name) {
        ProcessCoverageInMemProcessEngineConfiguration configuration = new ProcessCoverageInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl(TestDatabase.newDatabase());
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername("postgres");
        configuration.setJdbcPassword("");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setExpressionManager(new MockExpressionManager());
        // as application.yaml: the validators of a service have a group valideurs-<service>
        configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9]+|camunda-admin|valideurs-[a-z0-9_]+");
        return configuration;
    }
}
