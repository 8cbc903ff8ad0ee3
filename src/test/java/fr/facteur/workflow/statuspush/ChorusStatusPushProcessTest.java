package fr.facteur.workflow.statuspush;

import fr.facteur.workflow.ChorusRetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import fr.facteur.support.ProcessTestEngines;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of {@code ChorusStatusPush}, with the push itself mocked. */
@Deployment(resources = {"processes/chorus-status-push.bpmn", "forms/resolve-chorus-refusal.form"})
class ChorusStatusPushProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
            ProcessTestEngines.configuration("chorus-status-push-process-test"))
            .assertClassCoverageAtLeast(1.0)
            .build();

    private final JavaDelegate push = mock(JavaDelegate.class);

    @BeforeEach
    void registerBeans() {
        BpmnAwareTests.init(extension.getProcessEngine());
        ChorusRetry retry = mock(ChorusRetry.class);
        when(retry.getCycle()).thenReturn("R3/PT5M");
        Mocks.register("chorusRetry", retry);
        Mocks.register("pushChorusStatusDelegate", push);
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
    }

    @Test
    void aChorusInvoiceGetsItsStatus() throws Exception {
        ProcessInstance instance = start("CHORUS");
        assertThat(instance).isWaitingAt("Task_PushChorusStatus");
        execute(job());
        verify(push).execute(any());
        assertThat(instance).hasPassed("EndEvent_StatusPushed").isEnded();
    }

    @Test
    void otherChannelsHaveNothingToPush() throws Exception {
        ProcessInstance instance = start("UPLOAD");
        assertThat(instance).hasPassed("EndEvent_NothingToPush").isEnded();
        verify(push, never()).execute(any());
    }

    @Test
    void aRefusalGoesToAPersonWhoRetries() throws Exception {
        doThrow(new BpmnError(PushChorusStatusDelegate.CHORUS_REFUSAL, "20002")).doNothing().when(push).execute(any());
        ProcessInstance instance = start("CHORUS");
        assertThat(instance).isWaitingAt("Task_PushChorusStatus");
        execute(job());

        assertThat(instance).isWaitingAt("Task_ResolveChorusRefusal");
        assertThat(task()).hasCandidateGroup("comptables");
        complete(task(), withVariables("resolution", "RETRY"));
        execute(job());

        verify(push, times(2)).execute(any());
        assertThat(instance).hasPassed("Gateway_Resolution", "EndEvent_StatusPushed").isEnded();
    }

    @Test
    void aRefusalCanBeAbandoned() throws Exception {
        doThrow(new BpmnError(PushChorusStatusDelegate.CHORUS_REFUSAL, "20002")).when(push).execute(any());
        ProcessInstance instance = start("CHORUS");
        assertThat(instance).isWaitingAt("Task_PushChorusStatus");
        execute(job());

        assertThat(instance).isWaitingAt("Task_ResolveChorusRefusal");
        complete(task(), withVariables("resolution", "ABANDON", "resolutionComment", "Déjà traitée sur le portail"));

        assertThat(instance).hasPassed("EndEvent_StatusNotPushed").hasNotPassed("EndEvent_StatusPushed").isEnded();
    }

    private static ProcessInstance start(String channel) {
        return runtimeService().startProcessInstanceByKey("ChorusStatusPush",
                Map.of("invoiceId", 1L, "channel", channel, "targetStatus", "SERVICE_FAIT"));
    }
}
