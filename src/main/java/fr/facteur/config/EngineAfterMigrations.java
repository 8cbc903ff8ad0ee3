package fr.facteur.config;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * The Camunda engine starts after the database is migrated (its tables come from Flyway, see
 * {@code V11__Camunda_schema}): registered in {@code META-INF/spring.factories}.
 */
public class EngineAfterMigrations implements DependsOnDatabaseInitializationDetector {

    @Override
    public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
        return Set.of(beanFactory.getBeanNamesForType(ProcessEngine.class, true, false));
    }
}
