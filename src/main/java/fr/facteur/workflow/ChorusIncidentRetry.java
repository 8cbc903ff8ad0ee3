package fr.facteur.workflow;

import fr.facteur.chorus.ChorusProperties;
import fr.facteur.chorus.ChorusTechnicalException;
import fr.facteur.config.ClusterLock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A Chorus Pro outage longer than a step's retry cycle leaves incidents; they need no person: every
 * {@code facteur.chorus.incident-retry} (10 minutes), the failed jobs whose last failure was Chorus
 * Pro being unreachable ({@link ChorusTechnicalException}) get their retries back, and run again —
 * an incident again if Chorus Pro is still down, done once it answers. Other incidents (a bug, a
 * refusal) stay for an operator. One node sweeps at a time (cluster lock
 * {@code chorus:incident-retry}); each job's retries are given back in a transaction of its own, so
 * a node killed in the middle leaves the rest for the next sweep.
 */
@Component
public class ChorusIncidentRetry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChorusIncidentRetry.class);
    private static final int RETRIES = 3;

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final ChorusProperties properties;
    private final ClusterLock cluster;
    private ScheduledExecutorService scheduler;

    public ChorusIncidentRetry(RuntimeService runtimeService, ManagementService managementService,
                               ChorusProperties properties, ClusterLock cluster) {
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.properties = properties;
        this.cluster = cluster;
    }

    /** Gives their retries back to the jobs stopped by Chorus Pro being unreachable; returns how many. */
    public int retryChorusIncidents() {
        int retried = 0;
        for (Incident incident : runtimeService.createIncidentQuery().incidentType(Incident.FAILED_JOB_HANDLER_TYPE)
                .list()) {
            if (incident.getConfiguration() == null) {
                continue; // the calling process's copy of an incident below it: its root is in the list too
            }
            Job job = managementService.createJobQuery().jobId(incident.getConfiguration()).singleResult();
            if (job == null || job.getRetries() > 0) {
                continue;
            }
            String stacktrace = managementService.getJobExceptionStacktrace(job.getId());
            if (stacktrace == null || !stacktrace.contains(ChorusTechnicalException.class.getName())) {
                continue;
            }
            managementService.setJobRetries(job.getId(), RETRIES);
            retried++;
        }
        if (retried > 0) {
            log.info("{} step(s) stopped by Chorus Pro being unreachable tried again", retried);
        }
        return retried;
    }

    @Override
    public void start() {
        long every = properties.incidentRetry().toMillis();
        if (every <= 0) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "chorus-incident-retry"));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                cluster.tryExclusively("chorus:incident-retry", this::retryChorusIncidents);
            } catch (RuntimeException e) {
                log.warn("Retrying the Chorus Pro incidents failed: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
