package fr.facteur.config;

import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Names this node in the engine: the job executor locks jobs as {@code <node>-<random>} (a new
 * random part at every start, so a restarted node never mistakes the locks of its previous life
 * for its own) and the job log records the node as its host name. A job locked by a node that died
 * stays locked until its lock expires ({@code camunda.bpm.job-execution.lock-time-in-millis}), then
 * any node takes it.
 */
@Component
@EnableConfigurationProperties(ClusterProperties.class)
public class ClusterNode extends AbstractProcessEnginePlugin {

    private final ClusterProperties properties;

    public ClusterNode(ClusterProperties properties) {
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHostname(properties.nodeName());
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(lockOwner(properties.nodeName()));
        }
    }

    static String lockOwner(String nodeName) {
        return nodeName + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
