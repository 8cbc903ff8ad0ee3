package fr.facteur.config;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Camunda's Spring job executor, configured from {@code camunda.bpm.job-execution.*} as the starter
 * does, with one change: a job thread that finishes its job does not wake the job acquisition while
 * jobs this node already locked still wait in its queue. Camunda wakes it after every job; with a
 * full queue each wake-up locked one more job in a transaction of its own, one acquisition per job
 * (measured: 0.97 per received invoice, {@code WorkPerInvoiceBenchmark}). Now the acquisition runs
 * when the queue is empty or on its own schedule, and locks jobs by batches
 * ({@code max-jobs-per-acquisition}). A hint for a new job given while the queue is not empty is
 * not lost: the thread that empties the queue wakes the acquisition.
 */
class QueueAwareJobExecutor extends SpringJobExecutor {

    /** Set while a job thread runs its jobs (and its after-commit hints). */
    private static final ThreadLocal<Boolean> IN_JOB_THREAD = ThreadLocal.withInitial(() -> false);

    /** The starter's pool, whose queue tells whether jobs wait; null for another executor (no change then). */
    private final ThreadPoolTaskExecutor pool;

    QueueAwareJobExecutor(TaskExecutor taskExecutor) {
        this.pool = taskExecutor instanceof ThreadPoolTaskExecutor threadPool ? threadPool : null;
        setTaskExecutor(taskExecutor);
    }

    @Override
    public void jobWasAdded() {
        if (pool != null && IN_JOB_THREAD.get() && pool.getQueueSize() > 0) {
            return;
        }
        super.jobWasAdded();
    }

    @Override
    public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl processEngine) {
        Runnable jobs = super.getExecuteJobsRunnable(jobIds, processEngine);
        return () -> {
            IN_JOB_THREAD.set(true);
            try {
                jobs.run();
            } finally {
                IN_JOB_THREAD.remove();
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class JobExecutorConfiguration {

        /** Replaces the starter's job executor (it steps aside when one is defined), same settings. */
        @Bean
        @ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true",
                matchIfMissing = true)
        static JobExecutor jobExecutor(@Qualifier("camundaTaskExecutor") TaskExecutor pool,
                                       CamundaBpmProperties properties) {
            QueueAwareJobExecutor executor = new QueueAwareJobExecutor(pool);
            executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
            JobExecutionProperty settings = properties.getJobExecution();
            Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
            Optional.ofNullable(settings.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
            Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
            Optional.ofNullable(settings.getMaxWait()).ifPresent(executor::setMaxWait);
            Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
            Optional.ofNullable(settings.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
            Optional.ofNullable(settings.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
            Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
            return executor;
        }
    }
}
