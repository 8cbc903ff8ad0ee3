package fr.facteur.security;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Installs Facteur's guards in the engine: the {@link DeploymentGuard} before every deployment and
 * the {@link ProcessDataGuard} in front of every command. Also makes a failed login lock the account
 * for minutes, never for good ({@code facteur.security.login-lock}).
 */
@Component
public class EngineGuards extends AbstractProcessEnginePlugin {

    private final ListableBeanFactory beans;
    private final SecurityProperties properties;

    public EngineGuards(ListableBeanFactory beans, SecurityProperties properties) {
        this.beans = beans;
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreDeployers() == null) {
            configuration.setCustomPreDeployers(new ArrayList<>());
        }
        configuration.getCustomPreDeployers().add(new DeploymentGuard(new ModelExpressions(beans::containsBean),
                () -> ModelApi.delegates(beans), ShippedModels.usage()));
        // Camunda locks an account for good after loginMaxAttempts failures: anyone could lock out a
        // validator. Failures only delay the next try, growing to the configured lock time.
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayMaxTime((int) properties.loginLock().toSeconds());
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new ProcessDataGuard(configuration));
    }
}
