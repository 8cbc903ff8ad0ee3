package fr.facteur.workflow.reception;

import fr.facteur.workflow.ChorusRetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import fr.facteur.support.ProcessTestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every path of {@code InvoiceReception} on a real engine and a real PostgreSQL. The delegates
 * that touch the invoice record are replaced by mocks here (their effect is checked by the
 * integration tests); the completion rule of the validation task is the real one.
 */
@Deployment(resources = {"processes/invoice-reception.bpmn", "processes/chorus-status-push.bpmn",
    "processes/invoice-routing.dmn", "forms/validate-invoice.form", "forms/record-mandate.form",
    "forms/record-payment.form", "forms/complete-indexing.form", "forms/check-duplicate.form"})
class InvoiceReceptionProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
            ProcessTestEngines.configuration("invoice-reception-process-test"))
            // The called ChorusStatusPush has a test class of its own.
            .excludeProcessDefinitionKeys("ChorusStatusPush")
            .assertClassCoverageAtLeast(1.0)
            .build();

    private final JavaDelegate prepareValidation = mock(JavaDelegate.class);
    private final JavaDelegate recordDecision = mock(JavaDelegate.class);
    private final JavaDelegate fetchChorusDocument = mock(JavaDelegate.class);
    private final JavaDelegate pushChorusStatus = mock(JavaDelegate.class);
    private final JavaDelegate saveMandate = mock(JavaDelegate.class);
    private final JavaDelegate checkInvoice = mock(JavaDelegate.class);
    private final JavaDelegate matchPurchaseOrder = mock(JavaDelegate.class);
    private final JavaDelegate savePayment = mock(JavaDelegate.class);
    private final JavaDelegate saveIndexing = mock(JavaDelegate.class);
    private final JavaDelegate fetchAddedAttachments = mock(JavaDelegate.class);
    private final JavaDelegate detectDuplicate = mock(JavaDelegate.class);
    private final JavaDelegate notifySupplier = mock(JavaDelegate.class);
    private final JavaDelegate recordDuplicate = mock(JavaDelegate.class);
    private final List<String> pushed = new ArrayList<>();
    private final PaymentWarning warning = mock(PaymentWarning.class);
    /** What the duplicate check finds: the id of an earlier invoice, or null. */
    private Long suspectedOriginal;

    @BeforeEach
    void registerDelegates() throws Exception {
        BpmnAwareTests.init(extension.getProcessEngine());
        doAnswer(invocation -> {
            DelegateExecution execution = invocation.getArgument(0);
            execution.setVariables(Map.of("invoiceNumber", "F-2025-001", "supplierName", "Papeterie Durand",
                    "supplierSiret", "44105523000029", "serviceCode", "SERV_FINANCES", "totalTtc", 1200.0));
            return null;
        }).when(prepareValidation).execute(any());
        ChorusRetry retry = mock(ChorusRetry.class);
        when(retry.getCycle()).thenReturn("R3/PT5M");
        Mocks.register("chorusRetry", retry);
        Mocks.register("prepareValidationDelegate", prepareValidation);
        Mocks.register("recordDecisionDelegate", recordDecision);
        Mocks.register("fetchChorusDocumentDelegate", fetchChorusDocument);
        doAnswer(invocation -> {
            DelegateExecution execution = invocation.getArgument(0);
            pushed.add(execution.getVariable("targetStatus") + " " + execution.getVariable("motif"));
            return null;
        }).when(pushChorusStatus).execute(any());
        Mocks.register("pushChorusStatusDelegate", pushChorusStatus);
        Mocks.register("saveMandateDelegate", saveMandate);
        Mocks.register("checkInvoiceDelegate", checkInvoice);
        Mocks.register("adoptChorusStatusDelegate", mock(JavaDelegate.class));
        doAnswer(invocation -> {
            DelegateExecution execution = invocation.getArgument(0);
            execution.setVariable("matchOutcome", "NOT_FOUND");
            return null;
        }).when(matchPurchaseOrder).execute(any());
        Mocks.register("matchPurchaseOrderDelegate", matchPurchaseOrder);
        Mocks.register("savePaymentDelegate", savePayment);
        Mocks.register("saveIndexingDelegate", saveIndexing);
        Mocks.register("fetchAddedAttachmentsDelegate", fetchAddedAttachments);
        Mocks.register("recordDuplicateDelegate", recordDuplicate);
        Mocks.register("notifySupplierOfDisputeDelegate", notifySupplier);
        Mocks.register("invoiceFormListener", mock(TaskListener.class));
        Mocks.register("invoiceCaptionListener", mock(TaskListener.class));
        Mocks.register("readingNotesListener", mock(TaskListener.class));
        Mocks.register("recordPaymentCompletionListener", mock(TaskListener.class));
        doAnswer(invocation -> {
            DelegateExecution execution = invocation.getArgument(0);
            execution.setVariable("duplicateOf", suspectedOriginal);
            return null;
        }).when(detectDuplicate).execute(any());
        Mocks.register("detectDuplicateDelegate", detectDuplicate);
        ReceptionSettings settings = mock(ReceptionSettings.class);
        when(settings.getDisputeTimeout()).thenReturn("P30D");
        Mocks.register("receptionSettings", settings);
        when(warning.warnOn(any())).thenReturn(Date.from(Instant.now().plus(Duration.ofDays(25))));
        Mocks.register("paymentWarning", warning);
        Mocks.register("validateInvoiceCompletionListener", new ValidateInvoiceCompletionListener());
        Mocks.register("serviceValidators", new ServiceValidators(extension.getProcessEngine().getIdentityService()));
    }

    /** What "Préparer la validation" puts in the variables, for this test. */
    private void preparedWith(Map<String, Object> variables) throws Exception {
        doAnswer(invocation -> {
            DelegateExecution execution = invocation.getArgument(0);
            execution.setVariables(variables);
            return null;
        }).when(prepareValidation).execute(any());
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
    }

    @Test
    void approvedInvoiceIsMandatedThenPaid() throws Exception {
        ProcessInstance instance = startAndPrepare();

        assertThat(task()).hasCandidateGroup("valideurs").isNotAssigned();
        assertThat(instance).hasVariables("invoiceNumber", "supplierName");
        complete(task(), withVariables("decision", "APPROVE"));

        verify(recordDecision).execute(any());
        assertThat(instance).hasPassedInOrder("Task_CheckInvoice", "Task_MatchPurchaseOrder", "Task_RouteInvoice",
                        "Task_ValidateInvoice", "Task_RecordDecision", "Gateway_Decision", "CallActivity_PushServiceFait")
                .isWaitingAt("Task_RecordMandate");
        assertThat(task()).hasCandidateGroup("comptables");
        complete(task(), withVariables("mandateNumber", "MDT-2025-0042"));
        verify(saveMandate).execute(any());

        assertThat(instance).hasPassed("CallActivity_PushMandatee").isWaitingAt("Task_RecordPayment");
        assertThat(task()).hasCandidateGroup("comptables");
        complete(task(), withVariables("paymentDate", "2025-04-02"));
        verify(savePayment).execute(any());
        assertThat(instance).hasPassed("Gateway_Paid", "CallActivity_PushMiseEnPaiement", "EndEvent_InvoicePaid")
                .hasNotPassed("EndEvent_InvoiceRejected")
                .isEnded();
    }

    @Test
    void aLargeInvoiceIsValidatedByManagersToo() throws Exception {
        preparedWith(Map.of("invoiceNumber", "F-2025-002", "supplierSiret", "44105523000029", "totalTtc", 52_000.0));
        startAndPrepare();
        assertThat(task()).hasCandidateGroup("valideurs").hasCandidateGroup("managers");
    }

    @Test
    void anInvoiceForAServiceWithItsOwnValidatorsGoesToThemOnly() throws Exception {
        preparedWith(Map.of("invoiceNumber", "F-2025-003", "supplierSiret", "51234567800019",
                "serviceCode", "ACHATS", "totalTtc", 52_000.0));
        IdentityService identity = extension.getProcessEngine().getIdentityService();
        identity.saveGroup(identity.newGroup("valideurs-achats"));
        try {
            startAndPrepare();
            assertThat(task()).hasCandidateGroup("valideurs-achats").hasCandidateGroup("managers");
            assertThat(taskService().getIdentityLinksForTask(task().getId()))
                    .extracting(IdentityLink::getGroupId).containsExactlyInAnyOrder("valideurs-achats", "managers");
        } finally {
            identity.deleteGroup("valideurs-achats");
        }
    }

    @Test
    void aServiceWithoutItsOwnGroupIsValidatedByEveryValidator() throws Exception {
        preparedWith(Map.of("invoiceNumber", "F-2025-004", "supplierSiret", "51234567800019",
                "serviceCode", "SERV_INCONNU", "totalTtc", 500.0));
        startAndPrepare();
        assertThat(taskService().getIdentityLinksForTask(task().getId()))
                .extracting(IdentityLink::getGroupId).containsExactly("valideurs");
    }

    @Test
    void managersAreWarnedBeforeThePaymentDeadlineWithoutStoppingTheInvoice() throws Exception {
        ProcessInstance instance = startAndPrepare();
        Job warning = managementService().createJobQuery().timers().activityId("StartEvent_DeadlineNear").singleResult();
        assertThat(warning.getDuedate()).isAfter(Date.from(Instant.now().plus(Duration.ofDays(24))));

        execute(warning);

        assertThat(instance).isWaitingAt("Task_ValidateInvoice", "Task_FollowPaymentDeadline");
        Task follow = taskService().createTaskQuery().taskDefinitionKey("Task_FollowPaymentDeadline").singleResult();
        assertThat(follow).hasCandidateGroup("managers");
        taskService().complete(follow.getId());
        assertThat(instance).hasPassed("EndEvent_DeadlineFollowed").isWaitingAt("Task_ValidateInvoice");
    }

    @ParameterizedTest(name = "Chorus Pro shows {0} → {1}")
    @CsvSource({
        "SERVICE_FAIT, Task_RecordMandate",
        "MANDATEE, Task_RecordPayment",
        "SUSPENDUE, Task_NotifySupplierOfDispute",
    })
    void anInvoiceAlreadyHandledOnChorusProEntersWhereItsStatusPutsIt(String chorusStatus, String waitingAt)
            throws Exception {
        ProcessInstance instance = startChorus(5000000009L, chorusStatus);
        assertThat(instance).isWaitingAt(waitingAt).hasNotPassed("Task_ValidateInvoice");
        assertThat(pushed).as("nothing sent to Chorus Pro").isEmpty();
    }

    @ParameterizedTest(name = "Chorus Pro shows {0} → archived")
    @CsvSource({"REJETEE", "MISE_EN_PAIEMENT"})
    void anInvoiceAlreadyRejectedOrPaidIsArchivedWithoutATask(String chorusStatus) throws Exception {
        ProcessInstance instance = startChorus(5000000009L, chorusStatus);
        assertThat(instance).hasPassed("EndEvent_InvoiceArchived").isEnded();
        assertThat(pushed).isEmpty();
    }

    /** A Chorus invoice entering the circuit, its document fetched (the fetch delegate is a mock). */
    private ProcessInstance startChorus(long idFacture, String chorusStatus) {
        Map<String, Object> variables = new HashMap<>(Map.of("invoiceId", idFacture, "channel", "CHORUS"));
        if (chorusStatus != null) {
            variables.put("chorusStatus", chorusStatus);
        }
        ProcessInstance instance = runtimeService().startProcessInstanceByKey("InvoiceReception",
                "CHORUS:" + idFacture, variables);
        assertThat(instance).isWaitingAt("Task_FetchChorusDocument");
        execute(asyncJob());
        return instance;
    }

    @Test
    void aChorusInvoiceFetchesItsDocumentFirst() throws Exception {
        ProcessInstance instance = startChorus(5000000001L, "MISE_A_DISPOSITION");
        verify(fetchChorusDocument).execute(any());
        // from the fetch to the validation task in the fetch's one transaction: no other job on the way
        assertThat(instance).isWaitingAt("Task_ValidateInvoice").hasPassed("Gateway_ToValidation", "Task_PrepareValidation");
        assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).messages().count()).isZero();

        complete(task(), withVariables("decision", "REJECT", "motif", "Montant erroné"));
        assertThat(instance).isWaitingAt("CallActivity_PushRejetee");
        runPushJob();
        assertThat(pushed).containsExactly("REJETEE Montant erroné");
        assertThat(instance).hasPassed("EndEvent_InvoiceRejected").isEnded();
    }

    @Test
    void anApprovedChorusInvoiceIsServiceFaitOnChorusPro() throws Exception {
        ProcessInstance instance = startChorus(5000000002L, null);
        complete(task(), withVariables("decision", "APPROVE"));
        assertThat(instance).isWaitingAt("CallActivity_PushServiceFait");
        runPushJob();
        complete(task(), withVariables("mandateNumber", "MDT-7"));
        runPushJob();
        assertThat(instance).isWaitingAt("Task_RecordPayment");

        // The public accountant's payment shows on Chorus Pro first: the task closes by itself.
        runtimeService().createMessageCorrelation("ChorusStatus_MISE_EN_PAIEMENT")
                .processInstanceBusinessKey("CHORUS:5000000002").correlate();
        runPushJob();
        assertThat(pushed).containsExactly("SERVICE_FAIT null", "MANDATEE null", "MISE_EN_PAIEMENT null");
        assertThat(instance).hasPassed("Event_PaidOnChorus", "Task_SavePayment", "EndEvent_InvoicePaid")
                .isEnded();
    }

    @Test
    void anUploadedInvoiceDoesNotGoToChorusPro() throws Exception {
        ProcessInstance instance = startAndPrepare();
        complete(task(), withVariables("decision", "APPROVE"));
        complete(task(), withVariables("mandateNumber", "MDT-8"));
        complete(task(), withVariables("paymentDate", "2025-04-02"));
        assertThat(instance).hasPassed("EndEvent_InvoicePaid").isEnded();
        verify(fetchChorusDocument, never()).execute(any());
        verify(pushChorusStatus, never()).execute(any());
    }

    @Test
    void rejectedInvoiceEndsRejected() throws Exception {
        ProcessInstance instance = startAndPrepare();

        complete(task(), withVariables("decision", "REJECT", "motif", "Facture adressée au mauvais service"));

        verify(recordDecision).execute(any());
        assertThat(instance).hasPassed("Task_RecordDecision", "CallActivity_PushRejetee", "EndEvent_InvoiceRejected")
                .hasNotPassed("EndEvent_InvoicePaid")
                .isEnded();
    }

    @Test
    void aDisputedInvoiceComesBackToValidationWhenTheSupplierCompletesIt() throws Exception {
        ProcessInstance instance = startChorus(5000000003L, null);
        complete(task(), withVariables("decision", "DISPUTE", "motif", "Bon de livraison manquant"));
        assertThat(instance).isWaitingAt("CallActivity_PushSuspendue");
        runPushJob();
        assertThat(pushed).containsExactly("SUSPENDUE Bon de livraison manquant");
        assertThat(instance).isWaitingAt("Task_NotifySupplierOfDispute");
        execute(asyncJob());
        verify(notifySupplier).execute(any());
        assertThat(instance).isWaitingAt("Gateway_AwaitCompletion");
        verify(warning).pause(any());
        verify(warning, never()).resume(any());

        runtimeService().createMessageCorrelation("ChorusStatus_COMPLETEE").processInstanceBusinessKey("CHORUS:5000000003")
                .correlate();
        assertThat(instance).isWaitingAt("Task_FetchAddedAttachments");
        execute(asyncJob());
        verify(fetchAddedAttachments).execute(any());
        assertThat(instance).isWaitingAt("Gateway_BackToValidation");
        execute(asyncJob());
        assertThat(instance).hasPassed("Gateway_BackToValidation", "Task_PrepareValidation").isWaitingAt("Task_ValidateInvoice");
        verify(warning).resume(any());
        complete(task(), withVariables("decision", "APPROVE", "motif", ""));
        runPushJob();
        assertThat(pushed).containsExactly("SUSPENDUE Bon de livraison manquant", "SERVICE_FAIT null");
        assertThat(instance).isWaitingAt("Task_RecordMandate");
    }

    @Test
    void aDisputeWithoutAnswerComesBackToValidationAfterTheDelay() throws Exception {
        ProcessInstance instance = startAndPrepare();
        complete(task(), withVariables("decision", "DISPUTE", "motif", "Prix unitaire contesté"));
        assertThat(instance).isWaitingAt("Task_NotifySupplierOfDispute");
        execute(asyncJob());
        assertThat(instance).isWaitingAt("Gateway_AwaitCompletion");

        execute(managementService().createJobQuery().timers().activityId("Event_DisputeTimeout").singleResult());
        assertThat(instance).hasPassed("Event_DisputeTimeout").isWaitingAt("Gateway_BackToValidation");
        execute(asyncJob());
        assertThat(instance).isWaitingAt("Task_ValidateInvoice");
        complete(task(), withVariables("decision", "REJECT", "motif", "Pas de réponse du fournisseur"));
        assertThat(instance).hasPassed("EndEvent_InvoiceRejected").isEnded();
    }

    @Test
    void theSuppliersDocumentsBringADisputedInvoiceBackToValidation() throws Exception {
        ProcessInstance instance = startAndPrepare();
        complete(task(), withVariables("decision", "DISPUTE", "motif", "Bon de commande manquant"));
        // told beside the wait: the circuit already waits while the supplier's mail is sent
        assertThat(instance).isWaitingAt("Task_NotifySupplierOfDispute", "Gateway_AwaitCompletion");
        execute(asyncJob());
        verify(notifySupplier).execute(any());
        assertThat(instance).hasPassed("EndEvent_SupplierNotified").isWaitingAt("Gateway_AwaitCompletion");

        runtimeService().createMessageCorrelation("SupplierDocumentsAdded").processInstanceBusinessKey("SHA256:abc")
                .correlate();
        // the correlation only records the answer: the way back to validation is a job of its own
        assertThat(instance).hasPassed("Event_SupplierDocumentsAdded")
                .hasNotPassed("Task_FetchAddedAttachments", "Event_DisputeTimeout")
                .isWaitingAt("Gateway_BackToValidation");
        execute(asyncJob());
        verify(warning).resume(any());
        assertThat(instance).hasPassed("Gateway_BackToValidation").isWaitingAt("Task_ValidateInvoice");
    }

    @Test
    void rejectionWithoutMotifIsRefusedAndTheTaskStays() {
        ProcessInstance instance = startAndPrepare();
        String taskId = task().getId();

        assertThatThrownBy(() -> taskService().complete(taskId, Map.of("decision", "REJECT", "motif", "  ")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Le motif est obligatoire");

        assertThat(instance).isWaitingAt("Task_ValidateInvoice");
        assertThat(task().getId()).isEqualTo(taskId);
    }

    @Test
    void unknownDecisionIsRefused() {
        ProcessInstance instance = startAndPrepare();
        String taskId = task().getId();

        assertThatThrownBy(() -> taskService().complete(taskId, Map.of("decision", "MAYBE")))
                .hasMessageContaining("Décision invalide");
        assertThatThrownBy(() -> taskService().complete(taskId, Map.of("decision", "DISPUTE")))
                .hasMessageContaining("Le motif est obligatoire");
        assertThatThrownBy(() -> taskService().complete(taskId))
                .hasMessageContaining("Décision invalide");

        assertThat(instance).isWaitingAt("Task_ValidateInvoice");
    }

    @Test
    void failureWhilePreparingIsRetriedThenBecomesAnIncident() throws Exception {
        doThrow(new IllegalStateException("base indisponible")).when(prepareValidation).execute(any());
        ProcessInstance instance = startAndCompleteExtraction(true);

        // the reading is kept (the external task is done); what follows it is retried, then an incident
        assertThat(instance).isWaitingAt("Task_ExtractInvoiceData");
        assertThat(externalTaskService().createExternalTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        Job job = asyncJob();
        for (int attempt = 1; attempt <= 5; attempt++) {
            String jobId = job.getId();
            assertThatThrownBy(() -> managementService().executeJob(jobId)).hasMessageContaining("base indisponible");
            job = managementService().createJobQuery().jobId(jobId).singleResult();
            assertThat(job.getRetries()).isEqualTo(5 - attempt);
        }

        assertThat(instance).isWaitingAt("Task_ExtractInvoiceData");
        assertThat(runtimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
        assertThat(job.getExceptionMessage()).contains("base indisponible");
    }

    @Test
    void anIncompleteIndexingGoesToAnAccountantBeforeValidation() throws Exception {
        ProcessInstance instance = startAndExtract(false);

        assertThat(instance).hasPassed("Gateway_IndexingComplete").isWaitingAt("Task_CompleteIndexing");
        assertThat(task()).hasCandidateGroup("comptables");
        assertThat(instance).hasVariables("doubtfulFields", "extractionSource");
        complete(task(), withVariables("invoiceNumber", "F-2025-001", "totalTtc", 120.0));

        // the indexing is saved with the person's completion; what follows is a job of its own
        verify(saveIndexing).execute(any());
        assertThat(instance).hasPassed("Task_SaveIndexing").isWaitingAt("Task_SaveIndexing");
        execute(asyncJob());
        assertThat(instance).hasPassed("Task_DetectDuplicate", "Task_PrepareValidation").isWaitingAt("Task_ValidateInvoice");
    }

    @Test
    void aConfirmedDuplicateEndsWithoutAnyChorusStatus() throws Exception {
        suspectedOriginal = 41L;
        ProcessInstance instance = startChorus(5000000010L, "MISE_A_DISPOSITION");

        assertThat(instance).hasPassed("Task_DetectDuplicate").isWaitingAt("Task_CheckDuplicate");
        assertThat(task()).hasCandidateGroup("comptables");
        complete(task(), withVariables("duplicateConfirmed", true));
        assertThat(instance).isWaitingAt("Task_CheckDuplicate");
        execute(asyncJob());

        verify(recordDuplicate).execute(any());
        assertThat(instance).hasPassed("Task_RecordDuplicate", "EndEvent_DuplicateDiscarded").isEnded();
        assertThat(pushed).isEmpty();
        verify(prepareValidation, never()).execute(any());
    }

    @Test
    void aSuspectedDuplicateThatIsNotOneGoesOnToValidation() throws Exception {
        suspectedOriginal = 41L;
        ProcessInstance instance = startAndExtract(true);

        assertThat(instance).isWaitingAt("Task_CheckDuplicate");
        complete(task(), withVariables("duplicateConfirmed", false));
        assertThat(instance).isWaitingAt("Task_CheckDuplicate");
        execute(asyncJob());

        assertThat(instance).hasPassed("Gateway_DuplicateConfirmed", "Task_PrepareValidation")
                .hasNotPassed("Task_RecordDuplicate").isWaitingAt("Task_ValidateInvoice");
        verify(recordDuplicate, never()).execute(any());
    }

    /** Runs the one pending job: the push of a called ChorusStatusPush. */
    private static void runPushJob() {
        managementService().executeJob(asyncJob().getId());
    }

    /** The one pending asynchronous continuation (not the timers that wait for their date). */
    private static Job asyncJob() {
        return managementService().createJobQuery().messages().singleResult();
    }

    /** An uploaded invoice: extracted (by this test acting as the OCR worker), checked for duplicates. */
    private ProcessInstance startAndExtract(boolean indexingComplete) {
        ProcessInstance instance = startAndCompleteExtraction(indexingComplete);
        // the worker's completion keeps the reading; the circuit goes on in a job
        assertThat(instance).isWaitingAt("Task_ExtractInvoiceData");
        execute(asyncJob());
        return instance;
    }

    /** An uploaded invoice whose reading the OCR worker (this test) has just completed. */
    private ProcessInstance startAndCompleteExtraction(boolean indexingComplete) {
        ProcessInstance instance = runtimeService().startProcessInstanceByKey("InvoiceReception", "SHA256:abc",
                Map.of("invoiceId", 42L, "channel", "UPLOAD"));
        assertThat(instance).isStarted().isWaitingAt("Task_ExtractInvoiceData");
        List<LockedExternalTask> locked = externalTaskService().fetchAndLock(1, "test-worker")
                .topic("invoice-extraction", 60_000).variables("invoiceId").execute();
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).getVariables()).containsEntry("invoiceId", 42L);
        Map<String, Object> flags = new HashMap<>();
        flags.put("indexingComplete", indexingComplete);
        flags.put("extractionSource", indexingComplete ? "FACTURX" : "OCR");
        flags.put("doubtfulFields", indexingComplete ? "" : "totalTtc,supplierSiret");
        flags.put("extractionProblem", null);
        externalTaskService().complete(locked.get(0).getId(), "test-worker", flags);
        return instance;
    }

    private ProcessInstance startAndPrepare() {
        ProcessInstance instance = startAndExtract(true);
        assertThat(instance).hasPassed("Task_DetectDuplicate", "Task_PrepareValidation").isWaitingAt("Task_ValidateInvoice");
        return instance;
    }
}
