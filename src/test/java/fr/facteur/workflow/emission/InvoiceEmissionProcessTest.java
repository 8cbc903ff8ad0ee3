package fr.facteur.workflow.emission;

import fr.facteur.workflow.ChorusRetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.facteur.support.ProcessTestEngines;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
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

/**
 * Every path of {@code InvoiceEmission} on a real engine and a real PostgreSQL. The delegates are
 * replaced by scripted ones here — each answers what Chorus Pro would say, in turn — and their own
 * effect on the invoice and on the emulator is checked by {@code InvoiceEmissionIT}.
 */
@Deployment(resources = {"processes/invoice-emission.bpmn", "forms/confirm-emission.form",
    "forms/correct-emission.form", "forms/complete-suspended.form"})
class InvoiceEmissionProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
            ProcessTestEngines.configuration("invoice-emission-process-test"))
            .assertClassCoverageAtLeast(1.0)
            .build();

    /** What each scripted step answers, in turn. */
    private final Deque<Boolean> preflight = new ArrayDeque<>();
    private final Deque<String> deposits = new ArrayDeque<>();
    private final Deque<String> reports = new ArrayDeque<>();
    private final Deque<String> statuses = new ArrayDeque<>();
    /** The delegates that ran, in order. */
    private final List<String> ran = new ArrayList<>();

    @BeforeEach
    void registerDelegates() {
        BpmnAwareTests.init(extension.getProcessEngine());
        ChorusRetry retry = mock(ChorusRetry.class);
        when(retry.getCycle()).thenReturn("R3/PT5M");
        Mocks.register("chorusRetry", retry);
        EmissionSettings settings = mock(EmissionSettings.class);
        when(settings.getReportPoll()).thenReturn("PT5M");
        when(settings.getStatusPoll()).thenReturn("PT1H");
        Mocks.register("emissionSettings", settings);
        Mocks.register("emissionFormListener", mock(TaskListener.class));
        script("lookUpRecipientDelegate", execution -> execution.setVariable("recipientRequirements",
                "Destinataire Département (22450000100009) : code service obligatoire."));
        script("saveConfirmationDelegate", execution -> { });
        script("checkBeforeDepositDelegate", execution -> {
            boolean passed = preflight.pop();
            execution.setVariable("preflightPassed", passed);
            execution.setVariable("preflightProblems", passed ? null : "• Le destinataire exige un code service.");
        });
        script("depositInvoiceDelegate", execution -> execution.setVariable("depositOutcome", deposits.pop()));
        script("readDepositReportDelegate", execution -> execution.setVariable("depositReport", reports.pop()));
        script("readChorusStatusDelegate", execution -> execution.setVariable("followOutcome", statuses.pop()));
        script("sendCompletionDelegate", execution -> { });
        script("abandonEmissionDelegate", execution -> { });
        script("stopFollowingDelegate", execution -> { });
        script("recordEmittedPaymentDelegate", execution -> { });
    }

    private interface Step {
        void run(DelegateExecution execution);
    }

    private void script(String bean, Step step) {
        JavaDelegate delegate = mock(JavaDelegate.class);
        try {
            doAnswer(invocation -> {
                ran.add(bean);
                step.run(invocation.getArgument(0));
                return null;
            }).when(delegate).execute(any());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Mocks.register(bean, delegate);
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
    }

    @Test
    void fluxIsIntegratedThenFollowedUntilPaid() {
        ProcessInstance instance = startAndExtract();
        assertThat(instance).isWaitingAt("Task_ConfirmEmission").task().hasCandidateGroup("comptables");
        assertThat(instance).variables().containsEntry("recipientRequirements",
                "Destinataire Département (22450000100009) : code service obligatoire.");

        preflight.add(true);
        deposits.add("FLUX");
        reports.addAll(List.of("PENDING", "INTEGRATED"));
        statuses.addAll(List.of("WAITING", "PAID"));
        complete(instance, Map.of("abandon", false, "invoiceNumber", "FX-2026-0042"));

        assertThat(instance).hasPassedInOrder("Task_SaveConfirmation", "Task_CheckBeforeDeposit", "Task_DepositInvoice",
                "Event_WaitDepositReport", "Task_ReadDepositReport", "Task_ReadChorusStatus",
                "Task_RecordEmittedPayment").isEnded().hasPassed("EndEvent_InvoicePaid");
        assertThat(ran.stream().filter("readDepositReportDelegate"::equals)).as("report read until integrated")
                .hasSize(2);
        assertThat(ran.stream().filter("readChorusStatusDelegate"::equals)).as("status read until paid").hasSize(2);
    }

    @Test
    void failedPreflightReturnsToTheConfirmationWhereTheInvoiceCanBeAbandoned() {
        ProcessInstance instance = startAndExtract();
        preflight.add(false);
        complete(instance, Map.of("abandon", false));

        assertThat(instance).isWaitingAt("Task_ConfirmEmission");
        assertThat(instance).variables().containsEntry("preflightProblems", "• Le destinataire exige un code service.");
        assertThat(ran).doesNotContain("depositInvoiceDelegate");

        complete(instance, Map.of("abandon", true, "motif", "Facture faite en double"));
        assertThat(instance).isEnded().hasPassed("Task_AbandonEmission", "EndEvent_EmissionAbandoned");
    }

    @Test
    void pdfSubmissionIsSuspendedCompletedThenStopsAfterTheSilence() {
        ProcessInstance instance = startAndExtract();
        preflight.add(true);
        deposits.add("SUBMITTED");
        statuses.add("SUSPENDED");
        complete(instance, Map.of("abandon", false));

        assertThat(instance).hasNotPassed("Event_WaitDepositReport").isWaitingAt("Task_CompleteSuspended")
                .task().hasCandidateGroup("comptables");
        statuses.addAll(List.of("WAITING", "SILENT"));
        complete(instance, Map.of("completionComment", "Bon de livraison signé joint"));

        assertThat(instance).hasPassedInOrder("Task_CompleteSuspended", "Task_SendCompletion", "Task_ReadChorusStatus")
                .isEnded().hasPassed("Task_StopFollowing", "EndEvent_FollowStopped");
    }

    @Test
    void refusedSubmissionGoesToCorrectionWhereItCanBeAbandoned() {
        ProcessInstance instance = startAndExtract();
        preflight.add(true);
        deposits.add("REFUSED");
        complete(instance, Map.of("abandon", false));

        assertThat(instance).isWaitingAt("Task_CorrectEmission").task().hasCandidateGroup("comptables");
        complete(instance, Map.of("abandon", true, "motif", "Client perdu"));
        assertThat(instance).isEnded().hasPassed("EndEvent_EmissionAbandoned").hasNotPassed("Task_ReadDepositReport");
    }

    @Test
    void rejectedFluxIsCorrectedAndSentAgainThenRejectedByTheRecipient() {
        ProcessInstance instance = startAndExtract();
        preflight.add(true);
        deposits.add("FLUX");
        reports.add("REJECTED");
        complete(instance, Map.of("abandon", false));
        assertThat(instance).isWaitingAt("Task_CorrectEmission");

        preflight.add(true);
        deposits.add("FLUX");
        reports.add("INTEGRATED");
        statuses.add("REJECTED");
        complete(instance, Map.of("abandon", false, "invoiceNumber", "FX-2026-0043"));

        assertThat(instance).isWaitingAt("Task_CorrectEmission");
        assertThat(ran.stream().filter("depositInvoiceDelegate"::equals)).as("a new deposit after correction")
                .hasSize(2);
        assertThat(ran.stream().filter("saveConfirmationDelegate"::equals)).as("corrected values saved").hasSize(2);
        complete(instance, Map.of("abandon", true, "motif", "Avoir émis à la place"));
        assertThat(instance).isEnded().hasPassed("EndEvent_EmissionAbandoned");
    }

    // --- helpers --------------------------------------------------------------------------------

    private ProcessInstance startAndExtract() {
        ProcessInstance instance = runtimeService().startProcessInstanceByKey("InvoiceEmission", "EMITTED:SHA256:test",
                Map.of("invoiceId", 42L, "channel", "UPLOAD"));
        assertThat(instance).isWaitingAt("Task_ExtractInvoiceData").externalTask().hasTopicName("invoice-extraction");
        List<LockedExternalTask> locked = externalTaskService().fetchAndLock(1, "test-worker")
                .topic("invoice-extraction", 60_000).execute();
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).getPriority()).as("a person is waiting for it").isEqualTo(10);
        externalTaskService().complete(locked.get(0).getId(), "test-worker",
                Map.of("indexingComplete", true, "extractionSource", "FACTURX"));
        runJobs(instance);
        return instance;
    }

    /** Completes the instance's open task with {@code variables}, then runs the jobs that follow. */
    private void complete(ProcessInstance instance, Map<String, Object> variables) {
        taskService().complete(task(instance).getId(), new HashMap<>(variables));
        runJobs(instance);
    }

    /** Runs async steps and timers (whatever their due date) until the instance waits for a person or ends. */
    private void runJobs(ProcessInstance instance) {
        for (int i = 0; i < 50; i++) {
            List<Job> jobs = managementService().createJobQuery().processInstanceId(instance.getId()).list();
            if (jobs.isEmpty()) {
                return;
            }
            managementService().executeJob(jobs.get(0).getId());
        }
        throw new AssertionError("the instance kept running jobs: a loop that never ends");
    }
}
