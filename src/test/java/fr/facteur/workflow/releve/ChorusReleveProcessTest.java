package fr.facteur.workflow.releve;

import fr.facteur.workflow.ChorusRetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import fr.facteur.support.ProcessTestEngines;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of {@code ChorusReleve}, with the Chorus-facing beans mocked. */
@Deployment(resources = "processes/chorus-releve.bpmn")
class ChorusReleveProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
            ProcessTestEngines.configuration("chorus-releve-process-test"))
            .assertClassCoverageAtLeast(1.0)
            .build();

    private final ChorusReleveProcess releve = mock(ChorusReleveProcess.class);
    private final JavaDelegate search = mock(JavaDelegate.class);
    private final JavaDelegate moveWatermark = mock(JavaDelegate.class);
    private final JavaDelegate readHistories = mock(JavaDelegate.class);
    private final List<Long> searched = new ArrayList<>();

    @BeforeEach
    void registerBeans() throws Exception {
        BpmnAwareTests.init(extension.getProcessEngine());
        when(releve.getCycle()).thenReturn("R/PT5M");
        when(releve.structures()).thenReturn(List.of(1L, 2L));
        doAnswer(invocation -> {
            DelegateExecution execution = invocation.getArgument(0);
            searched.add((Long) execution.getVariable("idStructure"));
            execution.setVariable("windowTo", new Date());
            return null;
        }).when(search).execute(any());
        ChorusRetry retry = mock(ChorusRetry.class);
        when(retry.getCycle()).thenReturn("R3/PT5M");
        Mocks.register("chorusRetry", retry);
        Mocks.register("chorusReleve", releve);
        Mocks.register("searchChangedInvoicesDelegate", search);
        Mocks.register("moveWatermarkDelegate", moveWatermark);
        Mocks.register("readChorusHistoriesDelegate", readHistories);
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
    }

    @Test
    void onDemandReleveReadsEveryStructureAndMovesItsWatermark() throws Exception {
        ProcessInstance instance = runtimeService().startProcessInstanceByMessage("ChorusReleveRequested");
        assertThat(instance).isStarted();

        runAllJobs();

        assertThat(instance).hasPassed("StartEvent_ReleveOnDemand", "SubProcess_ReleveStructure",
                "Task_SearchChangedInvoices", "Task_MoveWatermark", "EndEvent_StructureDone",
                "Task_ReadChorusHistories", "EndEvent_ReleveDone")
                .isEnded();
        assertThat(searched).containsExactlyInAnyOrder(1L, 2L);
        verify(moveWatermark, times(2)).execute(any());
        verify(readHistories, times(1)).execute(any());
    }

    @Test
    void theTimerStartsARelèveOnItsCycle() throws Exception {
        Job timer = managementService().createJobQuery().timers().singleResult();
        assertThat(timer).as("the timer start of the relève").isNotNull();
        managementService().executeJob(timer.getId());

        ProcessInstance instance = runtimeService().createProcessInstanceQuery()
                .processDefinitionKey("ChorusReleve").singleResult();
        runAllJobs();
        assertThat(instance).hasPassed("StartEvent_ReleveTimer", "EndEvent_ReleveDone").isEnded();
        assertThat(managementService().createJobQuery().timers().count()).as("the next run is scheduled").isEqualTo(1);
    }

    @Test
    void aFailingSearchBecomesAnIncidentAndItsStructureWatermarkStays() throws Exception {
        doAnswer(invocation -> {
            DelegateExecution execution = invocation.getArgument(0);
            if (execution.getVariable("idStructure").equals(1L)) {
                throw new IllegalStateException("Chorus Pro indisponible");
            }
            execution.setVariable("windowTo", new Date());
            return null;
        }).when(search).execute(any());
        ProcessInstance instance = runtimeService().startProcessInstanceByMessage("ChorusReleveRequested");

        for (int round = 0; round < 20; round++) {
            for (Job job : managementService().createJobQuery().processInstanceId(instance.getId()).executable().list()) {
                try {
                    managementService().executeJob(job.getId());
                } catch (RuntimeException expected) {
                    // the failing imports: their retries count down
                }
            }
            forceDueRetries(instance);
        }

        assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
        // Structure 2 moved on; structure 1 waits at its failed search, its watermark where it was.
        assertThat(instance).isNotEnded().hasNotPassed("EndEvent_ReleveDone");
        verify(moveWatermark, times(1)).execute(any());
        assertThatThrownBy(() -> managementService().executeJob(managementService().createJobQuery()
                .processInstanceId(instance.getId()).withException().list().get(0).getId()))
                .hasMessageContaining("Chorus Pro indisponible");
    }

    private void runAllJobs() {
        for (int round = 0; round < 20; round++) {
            List<Job> jobs = managementService().createJobQuery().executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> managementService().executeJob(job.getId()));
        }
    }

    /** Retries are due in minutes: bring them forward instead of waiting. */
    private void forceDueRetries(ProcessInstance instance) {
        managementService().createJobQuery().processInstanceId(instance.getId()).list().stream()
                .filter(job -> job.getRetries() > 0 && job.getDuedate() != null)
                .forEach(job -> managementService().setJobDuedate(job.getId(), new Date(0)));
    }
}
