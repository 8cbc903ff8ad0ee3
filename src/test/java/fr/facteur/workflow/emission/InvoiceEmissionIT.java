package fr.facteur.workflow.emission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.archive.DocumentStore;
import fr.facteur.capture.HotFolder;
import fr.facteur.capture.IntakeService;
import fr.facteur.chorus.ChorusClient;
import fr.facteur.chorus.ChorusEmission;
import fr.facteur.chorus.ChorusFunctionalException;
import fr.facteur.chorus.api.Factures.FactureDetail;
import fr.facteur.extraction.Corpus;
import fr.facteur.extraction.ExtractionService;
import fr.facteur.extraction.ExtractionSource;
import fr.facteur.extraction.FacturXWriter;
import fr.facteur.extraction.InvoiceField;
import fr.facteur.invoice.Direction;
import fr.facteur.extraction.ConformityValidator;
import fr.facteur.emission.DepositFiles;
import fr.facteur.emission.EmissionAttempts;
import fr.facteur.emission.EmissionDeposit;
import fr.facteur.emission.EmissionFollowUp;
import fr.facteur.emission.EmissionPreflight;
import fr.facteur.emission.EmissionProperties;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceClassifier;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import fr.facteur.support.Uploads;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mustangproject.ZUGFeRD.ZUGFeRDInvoiceImporter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The emission circuit against the Chorus Pro emulator, the real extraction and the real
 * database: a corpus Factur-X deposited, rejected as a duplicate, corrected under a new number,
 * integrated and paid; a plain PDF stopped by the pre-flight (service code), then turned into a
 * Factur-X, suspended and completed; a UBL deposited as it is; a CII completed. Every file Facteur
 * deposits during a test passes Mustang's validator (PDF/A-3, EN 16931, French CIUS), checked
 * after each test on the files the emulator received.
 */
@ApplicationTest
class InvoiceEmissionIT {

    private static final Path CORPUS = Corpus.directory();
    private static final String LE_CLIENT = "98765432100007";
    private static final String DEPARTEMENT = "22450000100009";
    private static final String OWN_SUPPLIER = "90000000000019";

    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private TaskService tasks;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private ManagementService management;
    @Autowired
    private HistoryService history;
    @Autowired
    private InvoiceService invoices;
    @Autowired
    private InvoiceAudit audit;
    @Autowired
    private EmissionAttempts emissions;
    @Autowired
    private DepositFiles depositFiles;
    @Autowired
    private EmissionPreflight preflight;
    @Autowired
    private DocumentStore documents;
    @Autowired
    private ChorusClient chorusClient;
    @Autowired
    private ChorusEmission chorus;
    @Autowired
    private ExtractionService extraction;
    @Autowired
    private IntakeService intake;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private ConformityValidator validator;

    private TestRestTemplate demo;
    private OffsetDateTime testStart;

    @BeforeEach
    void logIn() {
        demo = anonymous.withBasicAuth("demo", "demo");
        testStart = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
    }

    /** Every flux Facteur deposited during the test (not the one a test deposits as "another tool") passes the validator. */
    @AfterEach
    void everyDepositedFilePassesTheValidator() {
        record Flux(String name, String syntax, byte[] content) {
        }
        List<Flux> fluxes = jdbc.sql("""
                        SELECT nom_fichier, syntaxe, contenu FROM chorus_emulator.flux
                        WHERE date_depot >= :since AND nom_fichier <> 'autre-outil.pdf'""")
                .param("since", testStart)
                .query((rs, n) -> new Flux(rs.getString(1), rs.getString(2), rs.getBytes(3))).list();
        for (Flux flux : fluxes) {
            assertThat(validator.validate(flux.content(), flux.name()).reasons())
                    .as("%s (%s) as deposited", flux.name(), flux.syntax()).isEmpty();
        }
    }

    @Test
    void corpusFacturXRejectedAsDuplicateIsSentAgainUnderANewNumberThenPaid() throws Exception {
        byte[] corpus = Files.readAllBytes(CORPUS.resolve("FR_Facture_F20220023_EN16931.pdf"));
        // another tool of the supplier deposited F20220023 minutes ago: Chorus has not integrated it yet
        String otherFlux = chorusClient.depositFlux(FacturXWriter.rewrite(corpus, new FacturXWriter.Content("F20220023",
                LocalDate.of(2022, 1, 31), null, "EUR", "LE FOURNISSEUR", "12345678200077", null, "LE CLIENT",
                LE_CLIENT, null, null, new BigDecimal("100.00"), new BigDecimal("4.90"), new BigDecimal("104.90")),
                FacturXWriter.Seller.UNKNOWN),
                "autre-outil.pdf", "IN_DP_E2_CII_FACTURX").numeroFluxDepot();

        long id = uploadEmitted(corpus, "F20220023.pdf");
        Task confirm = awaitTask(id, "Task_ConfirmEmission");
        assertThat(invoices.get(id).status()).isEqualTo(InvoiceStatus.TO_CONFIRM);
        Map<String, Object> read = tasks.getVariables(confirm.getId());
        assertThat(read).containsEntry("invoiceNumber", "F20220023").containsEntry("supplierSiret", "12345678200077")
                .containsEntry("serviceCode", "SERVEXEC").containsEntry("purchaseOrderReference", "PO201925478");
        assertThat(read.get("buyerSiret")).as("the Factur-X gives the buyer's SIREN only").isNull();
        assertThat((String) read.get("recipientRequirements")).contains("non lu");

        // the person completes the recipient's SIRET and removes a buyer reference it does not know
        Map<String, Object> confirmed = new HashMap<>(read);
        confirmed.put("buyerSiret", LE_CLIENT);
        confirmed.put("serviceCode", null);
        confirmed.put("abandon", false);
        tasks.complete(confirm.getId(), confirmed);
        EmissionAttempts.Attempt first = awaitAttempt(id, 1);
        assertThat(first.syntax()).isEqualTo("IN_DP_E2_CII_FACTURX");
        assertThat(invoices.get(id).status()).isEqualTo(InvoiceStatus.DEPOSITED);

        // the other tool's flux is integrated first; ours is then rejected for the number
        chorusClient.depositReport(otherFlux);
        assertThat(chorusClient.depositReport(otherFlux).etatCourantDepotFlux()).isEqualTo("IN_INTEGRE");
        fireTimer(id, "Event_WaitDepositReport");
        fireTimer(id, "Event_WaitDepositReport");
        Task correct = awaitTask(id, "Task_CorrectEmission");
        assertThat((String) tasks.getVariable(correct.getId(), "correctionReasons"))
                .contains("IN_REJETE").contains("F20220023 a déjà été utilisé");
        assertThat(invoices.get(id).status()).isEqualTo(InvoiceStatus.TO_CORRECT);
        assertThat((String) tasks.getVariable(correct.getId(), "recipientRequirements"))
                .as("the recipient entered on the form, looked up by the pre-flight")
                .contains("LE CLIENT (syndicat intercommunal) (" + LE_CLIENT + ")");
        assertThat(emissions.numberProblems(id, "12345678200077", "F20220023")).singleElement().asString()
                .contains("un numéro rejeté n'est jamais réutilisé");

        Map<String, Object> corrected = new HashMap<>(tasks.getVariables(correct.getId()));
        corrected.put("invoiceNumber", "F20220023-B");
        corrected.put("abandon", false);
        tasks.complete(correct.getId(), corrected);
        EmissionAttempts.Attempt second = awaitAttempt(id, 2);
        assertThat(second.fluxNumber()).as("a new flux").isNotEqualTo(first.fluxNumber());
        fireTimer(id, "Event_WaitDepositReport");
        fireTimer(id, "Event_WaitDepositReport");
        awaitStatus(id, InvoiceStatus.SENT);
        Invoice sent = invoices.get(id);
        FactureDetail onChorus = chorusClient.consultEmitted(sent.chorusId());
        assertThat(onChorus.numeroFacture()).isEqualTo("F20220023-B");
        assertThat(onChorus.destinataire().codeDestinataire()).isEqualTo(LE_CLIENT);

        fireTimer(id, "Event_WaitChorusStatus");
        await().atMost(Duration.ofSeconds(30)).until(() -> "MISE_A_DISPOSITION".equals(invoices.get(id).chorusStatus()));
        setEmulatorStatus(sent.chorusId(), "MISE_EN_PAIEMENT", null);
        fireTimer(id, "Event_WaitChorusStatus");
        awaitStatus(id, InvoiceStatus.PAID);
        assertThat(invoices.get(id).chorusStatus()).isEqualTo("MISE_EN_PAIEMENT");
        assertThat(endedAt(id)).isEqualTo("EndEvent_InvoicePaid");
        assertThat(emissions.attempts(id)).extracting(EmissionAttempts.Attempt::state)
                .containsExactly(EmissionAttempts.State.REJECTED, EmissionAttempts.State.INTEGRATED);
        assertThat(invoices.history(id)).extracting(h -> h.to()).containsSubsequence(InvoiceStatus.TO_CONFIRM,
                InvoiceStatus.DEPOSITED, InvoiceStatus.TO_CORRECT, InvoiceStatus.DEPOSITED, InvoiceStatus.SENT,
                InvoiceStatus.PAID);
        assertThat(InvoiceClassifier.dossier(sent)).startsWith("Factures émises/");
        assertThat(audit.trail(id)).anyMatch(entry -> entry.summary().startsWith("Facture à émettre confirmée par"));
        ResponseEntity<String> page = demo.getForEntity("/apercu/factures/" + id, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Factures émises/", "F20220023-B", "Mise en paiement", "déposée sur Chorus Pro");
    }

    @Test
    void plainPdfIsStoppedByThePreflightThenBuiltIntoAFacturXSuspendedAndCompleted() throws Exception {
        String number = "FD-" + System.nanoTime() % 1_000_000_000L;
        long id = uploadEmitted(TestDocuments.pdf("Facteur Demo SARL - SIRET 900 000 000 00019",
                "FACTURE N " + number, "Date : 20/11/2026",
                "Client : Departement du Val-de-Brenne - SIRET 224 500 001 00009",
                "Total HT : 1 250,00 EUR   TVA 20 % : 250,00 EUR   Total TTC : 1 500,00 EUR"), number + ".pdf");
        Task confirm = awaitTask(id, "Task_ConfirmEmission");
        assertThat((String) tasks.getVariable(confirm.getId(), "recipientRequirements"))
                .contains("Département du Val-de-Brenne").contains("code service obligatoire").contains("DGS_FINANCES");

        Map<String, Object> fields = new HashMap<>(Map.of("invoiceNumber", number, "supplierSiret", OWN_SUPPLIER,
                "supplierName", "Facteur Démo SARL", "buyerSiret", DEPARTEMENT, "issueDate", "2026-11-20",
                "dueDate", "2026-12-20", "currency", "EUR", "totalHt", 1250.0, "totalTva", 250.0, "totalTtc", 1500.0));
        fields.put("purchaseOrderReference", "EJ-2026-118");
        fields.put("serviceCode", null);
        fields.put("abandon", false);
        Task again = confirmedAndStoppedByThePreflight(id, confirm, fields);
        assertThat((String) tasks.getVariable(again.getId(), "preflightProblems"))
                .contains("Département du Val-de-Brenne exige un code service").contains("DGS_FINANCES");
        assertThat(emissions.attempts(id)).as("nothing deposited").isEmpty();

        fields.put("serviceCode", "DGS_FINANCES");
        completeThroughEngineRest(again, fields);
        EmissionAttempts.Attempt attempt = awaitAttempt(id, 1);
        assertThat(preparedDocument(id)).as("the file sent is the one the pre-flight built and checked")
                .isEqualTo(attempt.fileDocumentId());
        byte[] deposited = documents.load(attempt.fileDocumentId()).orElseThrow().bytes();
        org.mustangproject.Invoice readBack = new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(deposited))
                .extractInvoice();
        assertThat(readBack.getNumber()).isEqualTo(number);
        var facts = extraction.extract(deposited);
        assertThat(facts.source()).isEqualTo(ExtractionSource.FACTURX);
        assertThat(facts.value(InvoiceField.BUYER_SIRET)).isEqualTo(DEPARTEMENT);
        assertThat(facts.value(InvoiceField.SERVICE_CODE)).isEqualTo("DGS_FINANCES");
        assertThat(facts.value(InvoiceField.PURCHASE_ORDER_REFERENCE)).isEqualTo("EJ-2026-118");
        assertThat(new BigDecimal(facts.value(InvoiceField.TOTAL_TTC))).isEqualByComparingTo("1500.00");
        assertThat(invoices.documents(id)).as("the Factur-X sent is kept with the invoice")
                .anyMatch(d -> d.documentId() == attempt.fileDocumentId());
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(deposited)) {
            assertThat(pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().keySet())
                    .as("the uploaded PDF is not PDF/A: Facteur drew the page, the PDF travels inside")
                    .contains("factur-x.xml", FacturXWriter.ORIGINAL_NAME);
        }
        assertThat(validator.validate(deposited, "deposited.pdf").passed()).isTrue();

        fireTimer(id, "Event_WaitDepositReport");
        fireTimer(id, "Event_WaitDepositReport");
        awaitStatus(id, InvoiceStatus.SENT);
        long chorusId = invoices.get(id).chorusId();
        setEmulatorStatus(chorusId, "SUSPENDUE", "Bon de livraison signé manquant");
        fireTimer(id, "Event_WaitChorusStatus");
        Task complete = awaitTask(id, "Task_CompleteSuspended");
        assertThat(tasks.getVariable(complete.getId(), "suspensionMotif")).isEqualTo("Bon de livraison signé manquant");
        assertThat(invoices.get(id).status()).isEqualTo(InvoiceStatus.TO_COMPLETE);

        assertThat(Uploads.addDocument(demo, id, TestDocuments.pdf("Bon de livraison signé"), "bon-livraison.pdf")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        tasks.complete(complete.getId(), Map.of("completionComment", "Bon de livraison signé joint"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETEE".equals(chorusClient.history(chorusId)
                .statutCourantCode()));
        FactureDetail onChorus = chorusClient.consultEmitted(chorusId);
        assertThat(onChorus.listeDesPiecesJointes().pieceJointe())
                .anyMatch(p -> "bon-livraison.pdf".equals(p.pieceJointeDesignation()));
        awaitStatus(id, InvoiceStatus.SENT);
        assertThat(taskOf(id, "Task_CompleteSuspended")).isNull();
    }

    @Test
    void ublThatSaysWhatWasConfirmedIsDepositedAsItIsThenRejectedByTheRecipient() throws Exception {
        byte[] ubl = Files.readAllBytes(CORPUS.resolve("FR_UBL_F124212_en16931.xml"));
        long id = uploadEmitted(ubl, "F124212.xml");
        Task confirm = awaitTask(id, "Task_ConfirmEmission");
        Map<String, Object> read = new HashMap<>(tasks.getVariables(confirm.getId()));
        assertThat(read).containsEntry("buyerSiret", "78787878400018").containsEntry("serviceCode", "120943");
        read.put("abandon", false);
        tasks.complete(confirm.getId(), read);

        EmissionAttempts.Attempt attempt = awaitAttempt(id, 1);
        assertThat(attempt.syntax()).isEqualTo("IN_DP_E1_UBL_INVOICE");
        assertThat(documents.load(attempt.fileDocumentId()).orElseThrow().bytes()).as("the file itself").isEqualTo(ubl);
        fireTimer(id, "Event_WaitDepositReport");
        fireTimer(id, "Event_WaitDepositReport");
        awaitStatus(id, InvoiceStatus.SENT);
        assertThat(chorusClient.consultEmitted(invoices.get(id).chorusId()).numeroFacture()).isEqualTo("F124212");

        // with a silence limit of zero, the status reading says the following should stop
        fireTimer(id, "Event_WaitChorusStatus");
        await().atMost(Duration.ofSeconds(30)).until(() -> "MISE_A_DISPOSITION".equals(invoices.get(id).chorusStatus()));
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable("invoiceId")).thenReturn(id);
        new ReadChorusStatusDelegate(followUp(new EmissionProperties(Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ZERO, EmissionAttempts.Mode.FLUX))).execute(execution);
        verify(execution).setVariable("followOutcome", "SILENT");

        // the recipient sends it back for wrong routing data: shown until another status comes
        setEmulatorStatus(invoices.get(id).chorusId(), "A_RECYCLER", "Service destinataire erroné");
        fireTimer(id, "Event_WaitChorusStatus");
        awaitStatus(id, InvoiceStatus.TO_RECYCLE);
        assertThat(invoices.get(id).chorusStatus()).isEqualTo("A_RECYCLER");
        setEmulatorStatus(invoices.get(id).chorusId(), "MISE_A_DISPOSITION", "Recyclée par le fournisseur");
        fireTimer(id, "Event_WaitChorusStatus");
        awaitStatus(id, InvoiceStatus.SENT);

        // the recipient rejects it: a new invoice with a new number is needed, or the emission is given up
        setEmulatorStatus(invoices.get(id).chorusId(), "REJETEE", "Taux de TVA erroné sur la ligne 2");
        fireTimer(id, "Event_WaitChorusStatus");
        Task correct = awaitTask(id, "Task_CorrectEmission");
        assertThat((String) tasks.getVariable(correct.getId(), "correctionReasons"))
                .contains("rejetée par le destinataire : Taux de TVA erroné sur la ligne 2").contains("nouveau numéro");
        assertThat(invoices.get(id).status()).isEqualTo(InvoiceStatus.TO_CORRECT);
        tasks.complete(correct.getId(), Map.of("abandon", true, "motif", "Avoir à émettre à la place"));
        awaitStatus(id, InvoiceStatus.ABANDONED);
        assertThat(endedAt(id)).isEqualTo("EndEvent_EmissionAbandoned");
    }

    @Test
    void aSellerWithoutVatNumberIsStoppedWithTheFailedRuleInFrenchThenDepositedOnceTheFormHasIt() throws Exception {
        String number = "TV-" + System.nanoTime() % 1_000_000_000L;
        long id = uploadEmitted(TestDocuments.invoicePdf(number), number + ".pdf");
        Task confirm = awaitTask(id, "Task_ConfirmEmission");
        // LE FOURNISSEUR is a supplier our account deposits for, but Facteur's configuration knows nothing of it
        Map<String, Object> fields = new HashMap<>(Map.of("invoiceNumber", number, "supplierSiret", "12345678200077",
                "supplierName", "LE FOURNISSEUR", "buyerSiret", LE_CLIENT, "issueDate", "2026-11-20",
                "dueDate", "2026-12-20", "currency", "EUR", "totalHt", 1000.0, "totalTva", 200.0, "totalTtc", 1200.0));
        fields.put("supplierVatNumber", null);
        fields.put("abandon", false);
        Task again = confirmedAndStoppedByThePreflight(id, confirm, fields);
        assertThat((String) tasks.getVariable(again.getId(), "preflightProblems"))
                .contains("ne passe pas le contrôle EN 16931")
                .contains("[BR-S-02]").contains("N° de TVA de l'émetteur");
        assertThat(emissions.attempts(id)).as("nothing deposited").isEmpty();

        fields.put("supplierVatNumber", "FR11123456782");
        completeThroughEngineRest(again, fields);
        EmissionAttempts.Attempt attempt = awaitAttempt(id, 1);
        byte[] deposited = documents.load(attempt.fileDocumentId()).orElseThrow().bytes();
        assertThat(new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(deposited)).getUTF8())
                .contains("<ram:ID schemeID=\"VA\">FR11123456782</ram:ID>", "<ram:SubjectCode>PMT</ram:SubjectCode>");
    }

    @Test
    void aCiiIsCompletedFromTheSellerConfigurationAndDepositedAsCii() throws Exception {
        byte[] cii = Files.readAllBytes(CORPUS.resolve("FR_CII_UC11_F202600022_EXTENDED.xml"));
        long id = uploadEmitted(cii, "F202600022.xml");
        Task confirm = awaitTask(id, "Task_ConfirmEmission");
        Map<String, Object> read = new HashMap<>(tasks.getVariables(confirm.getId()));
        read.put("supplierSiret", OWN_SUPPLIER);
        read.put("buyerSiret", DEPARTEMENT);
        read.put("serviceCode", "DGS_FINANCES");
        read.put("invoiceNumber", "UC-" + System.nanoTime() % 1_000_000_000L);
        read.put("issueDate", "2026-11-05");
        read.put("dueDate", "2026-12-05");
        read.put("abandon", false);
        tasks.complete(confirm.getId(), read);

        await().atMost(Duration.ofSeconds(60)).until(() -> !emissions.attempts(id).isEmpty()
                || taskOf(id, "Task_ConfirmEmission") != null || taskOf(id, "Task_CorrectEmission") != null);
        Task stopped = taskOf(id, "Task_ConfirmEmission");
        assertThat(stopped == null ? null : tasks.getVariable(stopped.getId(), "preflightProblems"))
                .as("pre-flight problems").isNull();
        EmissionAttempts.Attempt attempt = awaitAttempt(id, 1);
        assertThat(attempt.syntax()).isEqualTo("IN_DP_E1_CII_16B");
        byte[] deposited = documents.load(attempt.fileDocumentId()).orElseThrow().bytes();
        var facts = extraction.extract(deposited);
        assertThat(facts.source()).isEqualTo(ExtractionSource.CII);
        assertThat(facts.value(InvoiceField.SUPPLIER_SIRET)).isEqualTo(OWN_SUPPLIER);
        assertThat(facts.value(InvoiceField.BUYER_SIRET)).isEqualTo(DEPARTEMENT);
        assertThat(new String(deposited, java.nio.charset.StandardCharsets.UTF_8))
                .as("the buyer's identifiers and electronic address follow the confirmed SIRET")
                .contains("<ram:GlobalID schemeID=\"0009\">" + DEPARTEMENT + "</ram:GlobalID>",
                        "<ram:URIID schemeID=\"0009\">" + DEPARTEMENT + "</ram:URIID>",
                        "<ram:ID schemeID=\"0002\">224500001</ram:ID>")
                .doesNotContain("<ram:URIID schemeID=\"0225\">200000008</ram:URIID>");
    }

    @Test
    void aDepositStepFailingAfterChorusTookTheFluxIsRetriedWithoutASecondFlux() throws Exception {
        String number = "RT-" + System.nanoTime() % 1_000_000_000L;
        long id = confirmedForTheDepartement(number);
        OffsetDateTime before = jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
        DepositInvoiceDelegate step = new DepositInvoiceDelegate(deposit(new EmissionProperties(
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(90), EmissionAttempts.Mode.FLUX)));
        TransactionTemplate stepTransaction = new TransactionTemplate(transactionManager);

        // Chorus Pro takes the flux, then the step's transaction fails (the engine will retry the step)
        DelegateExecution first = mock(DelegateExecution.class);
        when(first.getVariable("invoiceId")).thenReturn(id);
        assertThatThrownBy(() -> stepTransaction.executeWithoutResult(status -> {
            step.execute(first);
            throw new IllegalStateException("the step fails after the deposit");
        })).hasMessage("the step fails after the deposit");
        EmissionAttempts.Attempt kept = emissions.latest(id).orElseThrow(
                () -> new AssertionError("the attempt Chorus Pro answered was rolled back with the step"));
        assertThat(kept.state()).isEqualTo(EmissionAttempts.State.DEPOSITED);
        assertThat(kept.fluxNumber()).isNotBlank();
        assertThat(invoices.get(id).status()).isEqualTo(InvoiceStatus.DEPOSITED);

        DelegateExecution retry = mock(DelegateExecution.class);
        when(retry.getVariable("invoiceId")).thenReturn(id);
        stepTransaction.executeWithoutResult(status -> step.execute(retry));

        verify(retry).setVariable("depositOutcome", "FLUX");
        assertThat(emissions.attempts(id)).singleElement().extracting(EmissionAttempts.Attempt::fluxNumber)
                .isEqualTo(kept.fluxNumber());
        assertThat(fluxesOnChorusCarrying(number, before)).as("fluxes on Chorus Pro under number " + number)
                .containsExactly(kept.fluxNumber());
    }

    /** A plain PDF to emit under this number, confirmed for the Département (its step to run by hand). */
    /**
     * The deposit file is built once per attempt: the pre-flight prepares it, the deposit takes that
     * very file; built again only when the confirmed data changed in between.
     */
    @Test
    void theDepositFileIsBuiltOnceByThePreflightAndRebuiltOnlyWhenTheDataChanged() throws Exception {
        String number = "PF-" + System.nanoTime() % 1_000_000_000L;
        long id = confirmedForTheDepartement(number);
        DepositFiles.DepositFile prepared = depositFiles.prepare(id, EmissionAttempts.Mode.FLUX);
        assertThat(prepared.built()).as("a plain PDF gets a Factur-X built from the confirmed data").isTrue();
        OffsetDateTime preparedAt = preparedAt(id);

        DepositFiles.DepositFile taken = depositFiles.prepared(id, EmissionAttempts.Mode.FLUX);
        assertThat(taken.documentId()).isEqualTo(prepared.documentId());
        assertThat(taken.content()).isEqualTo(prepared.content());
        assertThat(preparedAt(id)).as("not built again").isEqualTo(preparedAt);

        Invoice invoice = invoices.get(id);
        invoices.confirmEmission(id, new fr.facteur.invoice.InvoiceIndex("Facteur Démo SARL", OWN_SUPPLIER, null,
                null, DEPARTEMENT, number, LocalDate.of(2026, 11, 3), null, "EUR", new BigDecimal("1100.00"),
                new BigDecimal("220.00"), new BigDecimal("1320.00"), null, "DGS_FINANCES"), "comptable");
        assertThat(invoice.index().totalTtc()).isEqualByComparingTo("1200.00");
        DepositFiles.DepositFile rebuilt = depositFiles.prepared(id, EmissionAttempts.Mode.FLUX);
        assertThat(rebuilt.documentId()).as("the confirmed totals changed").isNotEqualTo(prepared.documentId());
        assertThat(new BigDecimal(extraction.extract(rebuilt.content()).value(InvoiceField.TOTAL_TTC)))
                .isEqualByComparingTo("1320.00");
        assertThat(preparedDocument(id)).isEqualTo(rebuilt.documentId());
    }

    private Long preparedDocument(long invoiceId) {
        return jdbc.sql("SELECT document_id FROM facteur.emission_prepared_file WHERE invoice_id = :id")
                .param("id", invoiceId).query(Long.class).optional().orElse(null);
    }

    private OffsetDateTime preparedAt(long invoiceId) {
        return jdbc.sql("SELECT prepared_at FROM facteur.emission_prepared_file WHERE invoice_id = :id")
                .param("id", invoiceId).query(OffsetDateTime.class).single();
    }

    private long confirmedForTheDepartement(String number) throws Exception {
        long id = uploadEmitted(TestDocuments.invoicePdf(number), number + ".pdf");
        awaitTask(id, "Task_ConfirmEmission");
        invoices.confirmEmission(id, new fr.facteur.invoice.InvoiceIndex("Facteur Démo SARL", OWN_SUPPLIER, null,
                null, DEPARTEMENT, number, LocalDate.of(2026, 11, 3), null, "EUR", new BigDecimal("1000.00"),
                new BigDecimal("200.00"), new BigDecimal("1200.00"), null, "DGS_FINANCES"), "comptable");
        return id;
    }

    /** The Factur-X fluxes deposited on the emulator since {@code since} whose invoice has this number. */
    private List<String> fluxesOnChorusCarrying(String number, OffsetDateTime since) {
        return jdbc.sql("""
                        SELECT numero, contenu FROM chorus_emulator.flux
                        WHERE date_depot >= :since AND syntaxe = 'IN_DP_E2_CII_FACTURX' ORDER BY numero""")
                .param("since", since)
                .query((rs, n) -> {
                    try {
                        String read = new ZUGFeRDInvoiceImporter(new ByteArrayInputStream(rs.getBytes("contenu")))
                                .extractInvoice().getNumber();
                        return number.equals(read) ? rs.getString("numero") : null;
                    } catch (Exception unreadable) {
                        return null;
                    }
                })
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void inPdfModeTheDepositStepSubmitsThePdfAndTheConfirmedData() throws Exception {
        String number = "PM-" + System.nanoTime() % 1_000_000_000L;
        long id = confirmedForTheDepartement(number);
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable("invoiceId")).thenReturn(id);

        new DepositInvoiceDelegate(deposit(new EmissionProperties(Duration.ofMinutes(5),
                Duration.ofHours(1), Duration.ofDays(90), EmissionAttempts.Mode.PDF))).execute(execution);

        verify(execution).setVariable("depositOutcome", "SUBMITTED");
        EmissionAttempts.Attempt attempt = emissions.latest(id).orElseThrow();
        assertThat(attempt.mode()).isEqualTo(EmissionAttempts.Mode.PDF);
        assertThat(attempt.state()).isEqualTo(EmissionAttempts.State.INTEGRATED);
        Invoice sent = invoices.get(id);
        assertThat(sent.status()).isEqualTo(InvoiceStatus.SENT);
        FactureDetail onChorus = chorusClient.consultEmitted(sent.chorusId());
        assertThat(onChorus.numeroFacture()).isEqualTo(number);
        assertThat(onChorus.modeDepot()).isEqualTo("DEPOT_PDF_API");
        assertThat(onChorus.destinataire().codeServiceExecutant()).isEqualTo("DGS_FINANCES");
    }

    @Test
    void pdfModeSubmitsTheConfirmedDataAndARefusalGivesChorusReason() {
        String number = "PDF-" + System.nanoTime() % 1_000_000_000L;
        ChorusEmission.OutgoingInvoice invoice = new ChorusEmission.OutgoingInvoice(number, OWN_SUPPLIER, DEPARTEMENT,
                "DGS_FINANCES", null, LocalDate.of(2026, 11, 2), null, "EUR", new BigDecimal("100.00"),
                new BigDecimal("20.00"), new BigDecimal("120.00"));
        assertThat(preflight.rules(invoice).problems()).isEmpty();
        long chorusId = chorus.submitPdf(invoice, TestDocuments.invoicePdf(number), number + ".pdf");
        assertThat(chorus.status(chorusId).status()).isEqualTo("MISE_A_DISPOSITION");
        assertThat(preflight.rules(invoice).problems()).singleElement().asString()
                .contains("a déjà été utilisé sur Chorus Pro");

        ChorusEmission.OutgoingInvoice closedService = new ChorusEmission.OutgoingInvoice(number + "X", OWN_SUPPLIER,
                DEPARTEMENT, "ARCHIVES", null, LocalDate.of(2026, 11, 2), null, "EUR", new BigDecimal("100.00"),
                new BigDecimal("20.00"), new BigDecimal("120.00"));
        assertThat(preflight.rules(closedService).problems()).singleElement().asString().contains("« ARCHIVES »")
                .contains("inactif");
        try {
            chorus.submitPdf(closedService, TestDocuments.invoicePdf(number), number + ".pdf");
            throw new AssertionError("the emulator accepted an inactive service");
        } catch (ChorusFunctionalException e) {
            assertThat(e.libelle()).contains("inactif");
        }
    }

    @Test
    void aRecipientThatRequiresALegalCommitmentAcceptsOnlyOneItHasOnChorusPro() {
        String ministry = "11000201100044"; // requires an EJ; 2100456789 and 2100456790 exist on Chorus Pro
        String number = "EJ-" + System.nanoTime() % 1_000_000_000L;
        java.util.function.Function<String, ChorusEmission.OutgoingInvoice> withEngagement = ej ->
                new ChorusEmission.OutgoingInvoice(number, OWN_SUPPLIER, ministry, null, ej, LocalDate.of(2026, 11, 2),
                        null, "EUR", new BigDecimal("100.00"), new BigDecimal("20.00"), new BigDecimal("120.00"));

        assertThat(preflight.rules(withEngagement.apply("2100456789")).problems()).isEmpty();
        assertThat(preflight.rules(withEngagement.apply("2100999999")).problems()).singleElement().asString()
                .contains("L'engagement juridique « 2100999999 » n'existe pas chez Ministère des Archives");
        assertThat(preflight.rules(withEngagement.apply(null)).problems()).singleElement().asString()
                .contains("exige un numéro d'engagement juridique");
        assertThat(preflight.rules(withEngagement.apply("2100456790")).recipientRequirements())
                .contains("n° d'engagement juridique (bon de commande) obligatoire");
    }

    @Test
    void theEmissionHotFolderStartsTheEmissionCircuit() throws Exception {
        Path folder = Files.createTempDirectory("emission-folder");
        Path file = folder.resolve("a-emettre.pdf");
        Files.write(file, TestDocuments.invoicePdf("HF-" + System.nanoTime()));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        HotFolder hotFolder = new HotFolder(folder, Direction.EMITTED, intake);

        assertThat(hotFolder.scan()).as("first look: size noted").isZero();
        assertThat(hotFolder.scan()).isEqualTo(1);

        assertThat(Files.exists(folder.resolve("done").resolve("a-emettre.pdf"))).isTrue();
        Invoice invoice = invoices.findByExternalKey("EMITTED:SHA256:" + fr.facteur.archive.Sha256.hex(
                Files.readAllBytes(folder.resolve("done").resolve("a-emettre.pdf")))).orElseThrow();
        assertThat(invoice.direction()).isEqualTo(Direction.EMITTED);
        assertThat(invoice.channel()).isEqualTo(fr.facteur.invoice.Channel.FOLDER);
        assertThat(awaitTask(invoice.id(), "Task_ConfirmEmission").getProcessDefinitionId()).startsWith("InvoiceEmission:");
    }

    // --- helpers --------------------------------------------------------------------------------

    private long uploadEmitted(byte[] content, String filename) throws Exception {
        ResponseEntity<String> response = Uploads.upload(demo, content, filename, "EMITTED");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode created = json.readTree(response.getBody());
        assertThat(created.get("direction").asText()).isEqualTo("EMITTED");
        return created.get("id").asLong();
    }

    /** As a client would: {@code POST /engine-rest/task/{id}/complete} with typed variables. */
    /** Completes the confirmation as a person would, and waits for the form to come back with the pre-flight's problems. */
    private Task confirmedAndStoppedByThePreflight(long invoiceId, Task confirm, Map<String, Object> fields) {
        completeThroughEngineRest(confirm, fields);
        return await().atMost(Duration.ofSeconds(60)).until(() -> taskOf(invoiceId, "Task_ConfirmEmission"),
                task -> task != null && !task.getId().equals(confirm.getId()));
    }

    private void completeThroughEngineRest(Task task, Map<String, Object> variables) {
        Map<String, Object> typed = new HashMap<>();
        variables.forEach((name, value) -> {
            Map<String, Object> variable = new HashMap<>();
            variable.put("value", value);
            typed.put(name, variable);
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = demo.exchange("/engine-rest/task/" + task.getId() + "/complete",
                HttpMethod.POST, new HttpEntity<>(Map.of("variables", typed), headers), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    /** Waits for the invoice's status; on a timeout, says what its audit trail shows. */
    private void awaitStatus(long invoiceId, InvoiceStatus status) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> invoices.get(invoiceId).status() == status);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("invoice " + invoiceId + " is " + invoices.get(invoiceId).status() + ", not "
                    + status + "; audit trail: " + audit.trail(invoiceId).stream().map(a -> a.summary()).toList(), e);
        }
    }

    private Task taskOf(long invoiceId, String key) {
        return tasks.createTaskQuery().processVariableValueEquals("invoiceId", invoiceId).taskDefinitionKey(key)
                .singleResult();
    }

    private Task awaitTask(long invoiceId, String key) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> taskOf(invoiceId, key), task -> task != null);
    }

    private EmissionFollowUp followUp(EmissionProperties properties) {
        return new EmissionFollowUp(invoices, emissions, chorus, documents, properties, audit);
    }

    private EmissionDeposit deposit(EmissionProperties properties) {
        return new EmissionDeposit(invoices, emissions, depositFiles, chorus, properties);
    }

    private EmissionAttempts.Attempt awaitAttempt(long invoiceId, int count) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> emissions.attempts(invoiceId),
                attempts -> attempts.size() == count).get(count - 1);
    }

    /** Fires the instance's timer now (the defaults poll every 5 minutes and every hour). */
    private void fireTimer(long invoiceId, String timerId) {
        String key = invoices.get(invoiceId).externalKey();
        Job timer = await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(key).list().stream()
                .map(instance -> management.createJobQuery().processInstanceId(instance.getId()).activityId(timerId)
                        .timers().singleResult())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null), job -> job != null);
        management.executeJob(timer.getId());
    }

    private String endedAt(long invoiceId) {
        String key = invoices.get(invoiceId).externalKey();
        return await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(key).finished().singleResult(), p -> p != null).getEndActivityId();
    }

    private void setEmulatorStatus(long chorusId, String status, String comment) {
        Map<String, Object> change = new HashMap<>();
        change.put("statut", status);
        change.put("commentaire", comment);
        assertThat(demo.postForEntity("/emulator/control/invoices/" + chorusId + "/status", change, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
