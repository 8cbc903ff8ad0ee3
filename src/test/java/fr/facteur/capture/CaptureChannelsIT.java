package fr.facteur.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.facteur.extraction.Corpus;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.DocumentRole;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.DisputeReference;
import fr.facteur.invoice.InvoiceDocument;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.support.ApplicationTest;
import fr.facteur.support.TestDocuments;
import fr.facteur.support.Uploads;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hot folder and the e-mail channel, end to end: a real folder on disk watched on its schedule,
 * a real IMAP server (GreenMail) read by the channel, the intake, and every invoice waiting at a
 * task of {@code InvoiceReception}.
 */
@ApplicationTest
class CaptureChannelsIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP_IMAP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("factures@mairie.example", "factures", "secret"))
            .withPerMethodLifecycle(false);

    /** {@code facteur.capture.folder} of {@link fr.facteur.support.ApplicationTest}. */
    private final Path folder = Path.of("target/test-hot-folder");

    @Autowired
    private InvoiceService invoices;
    @Autowired
    private TaskService taskService;
    @Autowired
    private CaptureChannels channels;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ObjectMapper json;

    @BeforeAll
    static void emptyTheHotFolder() throws IOException {
        Path root = Path.of("target/test-hot-folder");
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!file.equals(root)) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    @Test
    void aFileDroppedInTheHotFolderBecomesAnInvoiceAndMovesToItsDoneFolder() throws Exception {
        byte[] pdf = TestDocuments.invoicePdf("F-HOT-1");
        Files.write(folder.resolve("facture-scanner.pdf"), pdf);

        Path done = folder.resolve("done").resolve("facture-scanner.pdf");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(done));

        Invoice invoice = invoiceWithMainDocumentNamed("facture-scanner.pdf");
        assertThat(invoice.channel()).isEqualTo(Channel.FOLDER);
        awaitTask(invoice, "Task_ValidateInvoice");
        assertThat(Files.readAllBytes(done)).isEqualTo(pdf);

        // the same file dropped again is harmless: moved aside, no second invoice
        Files.write(folder.resolve("facture-scanner.pdf"), pdf);
        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(folder.resolve("facture-scanner.pdf")));
        assertThat(countInvoicesKeyed(invoice.externalKey())).isEqualTo(1);
    }

    @Test
    void aRefusedFileMovesToFailedWithItsReason() throws Exception {
        Files.write(folder.resolve("notes.txt"), "pas une facture".getBytes());
        Files.write(folder.resolve("vide.pdf"), new byte[0]);

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(folder.resolve("failed/vide.pdf.raison.txt"))
                && Files.exists(folder.resolve("failed/notes.txt.raison.txt")));

        assertThat(Files.readString(folder.resolve("failed/vide.pdf.raison.txt"))).contains("vide");
        assertThat(Files.readString(folder.resolve("failed/notes.txt.raison.txt"))).contains("ni un PDF");
        assertThat(folder.resolve("failed/notes.txt")).exists();
    }

    @Test
    void eachAttachmentOfAMailBecomesAnInvoiceWithTheMailBesideIt() throws Exception {
        byte[] pdf = TestDocuments.invoicePdf("F-MAIL-1");
        byte[] xml = Files.readAllBytes(Corpus.directory().resolve("FR_UBL_F124212_en16931.xml"));
        deliver("<facture-1@fournisseur.example>", "Factures de mars", "Bonjour, veuillez trouver nos factures.",
                attachment(pdf, "application/pdf", "F-MAIL-1.pdf"), attachment(xml, "application/xml", "F124212.xml"));

        MailChannel.Poll poll = channels.mail().poll();

        assertThat(poll.invoices()).isEqualTo(2);
        assertThat(countInvoicesKeyed("MAIL:<facture-1@fournisseur.example>:%")).isEqualTo(2);

        for (Invoice invoice : invoicesKeyed("MAIL:<facture-1@fournisseur.example>:%")) {
            assertThat(invoice.channel()).isEqualTo(Channel.EMAIL);
            awaitTask(invoice, "Task_ValidateInvoice");
            List<InvoiceDocument> documents = invoices.documents(invoice.id());
            assertThat(documents).anyMatch(d -> d.role() == DocumentRole.ATTACHMENT && "message.txt".equals(d.filename()));
        }
        assertThat(messagesIn("Factures traitées")).isEqualTo(1);
        assertThat(messagesIn("INBOX")).isZero();
        assertThat(channels.mail().poll().mails()).as("a second reading finds nothing new").isZero();
    }

    @Test
    void aMailWithoutAnInvoiceIsMovedAsideNotDropped() throws Exception {
        deliver("<bonjour@fournisseur.example>", "Bonjour", "Juste un message, sans pièce jointe.");

        assertThat(channels.mail().poll().refusedMails()).isEqualTo(1);
        assertThat(messagesIn("Factures non traitées")).isEqualTo(1);
        assertThat(countInvoicesKeyed("MAIL:<bonjour@fournisseur.example>:%")).isZero();
    }

    @Test
    void aMailedInvoiceInDisputeIsToldToItsSupplierWhoseReplyBringsItBackToValidation() throws Exception {
        byte[] pdf = TestDocuments.invoicePdf("F-MAIL-7301");
        deliver("<litige-1@fournisseur.example>", "Facture F-MAIL-7301", "Bonjour, notre facture.",
                attachment(pdf, "application/pdf", "F-MAIL-7301.pdf"));
        channels.mail().poll();
        Invoice invoice = invoiceWithMainDocumentNamed("F-MAIL-7301.pdf");
        awaitTask(invoice, "Task_ValidateInvoice");
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(invoice.externalKey())
                .singleResult().getId(), Map.of("decision", "DISPUTE", "motif", "Le bon de livraison manque"));

        // the supplier is told, at the address the invoice came from, with the motif and the dispute's reference
        MimeMessage notice = await().atMost(Duration.ofSeconds(30)).until(() -> noticeTo("compta@fournisseur.example",
                DisputeReference.of(invoice)), found -> found != null);
        assertThat(notice.getSubject()).startsWith("Facture F-MAIL-7301 : en litige [Facteur litige " + invoice.id() + "-");
        assertThat(((String) notice.getContent()).replace("\r\n", "\n")).contains("Le bon de livraison manque");
        assertThat(((InternetAddress) notice.getReplyTo()[0]).getAddress()).isEqualTo("factures@mairie.example");
        assertThat(invoices.get(invoice.id()).status()).isEqualTo(InvoiceStatus.DISPUTED);

        // a reply from someone else is left for a person; the invoice stays in dispute
        byte[] deliveryNote = TestDocuments.pdf("Bon de livraison BL-12", "Livré le 01/12/2026");
        deliverFrom("inconnu@ailleurs.example", "<reponse-0@ailleurs.example>", "RE: " + notice.getSubject(), "Tenez.",
                attachment(deliveryNote, "application/pdf", "bon-livraison.pdf"));
        assertThat(channels.mail().poll().refusedMails()).isEqualTo(1);
        assertThat(invoices.get(invoice.id()).status()).isEqualTo(InvoiceStatus.DISPUTED);

        // the supplier's reply brings the delivery note to the invoice, which goes back to validation
        deliver("<reponse-1@fournisseur.example>", "RE: " + notice.getSubject(), "Voici le bon de livraison.",
                attachment(deliveryNote, "application/pdf", "bon-livraison.pdf"));
        assertThat(channels.mail().poll().refusedMails()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> invoices.get(invoice.id()).status() == InvoiceStatus.TO_VALIDATE);
        awaitTask(invoice, "Task_ValidateInvoice");
        assertThat(invoices.documents(invoice.id())).extracting(InvoiceDocument::filename)
                .contains("bon-livraison.pdf", "reponse-fournisseur.txt");
        assertThat(countInvoicesKeyed("MAIL:<reponse-1@fournisseur.example>:%")).as("not a new invoice").isZero();
    }

    @Test
    void anUploadedInvoiceInDisputeComesBackWhenADocumentIsAddedToIt() throws Exception {
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        long id = json.readTree(Uploads.upload(demo, TestDocuments.invoicePdf("F-UP-7302"),
                "F-UP-7302.pdf").getBody()).get("id").asLong();
        Invoice invoice = invoices.get(id);
        awaitTask(invoice, "Task_ValidateInvoice");
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(invoice.externalKey())
                .singleResult().getId(), Map.of("decision", "DISPUTE", "motif", "Prix unitaire à justifier"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM facteur.invoice_audit WHERE invoice_id = :id AND action = 'SUPPLIER_NOTIFIED'")
                .param("id", id).query(Long.class).single() == 1);
        // no address to write to: said in the audit trail, for a person to call the supplier
        assertThat(jdbc.sql("SELECT summary FROM facteur.invoice_audit WHERE invoice_id = :id AND action = 'SUPPLIER_NOTIFIED'")
                .param("id", id).query(String.class).single()).contains("non prévenu par e-mail");

        Uploads.addDocument(demo, id, TestDocuments.pdf("Devis signé D-77"), "devis-signe.pdf");
        await().atMost(Duration.ofSeconds(30)).until(() -> invoices.get(id).status() == InvoiceStatus.TO_VALIDATE);
        awaitTask(invoice, "Task_ValidateInvoice");
    }

    @Test
    void theBuyersNameOfAScannedOrTextInvoiceIsConfirmedByChorusProsStructureDirectory() throws Exception {
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        // the buyer is printed by its SIRET only (the emulator's commune): no name can be read
        long id = json.readTree(Uploads.upload(demo, TestDocuments.pdf("Papeterie Durand SARL - SIRET 732 829 320 00074",
                "FACTURE N F-DIR-5521", "Date : 12/03/2025", "Destinataire : SIRET 213 450 001 00010",
                "Total HT : 1 000,00 EUR   TVA 20 % : 200,00 EUR   Total TTC : 1 200,00 EUR"), "F-DIR-5521.pdf")
                .getBody()).get("id").asLong();
        awaitTask(invoices.get(id), "Task_ValidateInvoice");

        Invoice read = invoices.get(id);
        assertThat(read.index().buyerSiret()).isEqualTo("21345000100010");
        assertThat(read.index().buyerName()).isEqualTo("Commune de Montreuil-sur-Loire");
        JsonNode extraction = json.readTree(demo.getForEntity("/api/invoices/" + id + "/extraction", String.class)
                .getBody());
        assertThat(extraction.at("/fields/buyerName/confidence").asDouble()).isEqualTo(0.95);
        assertThat(extraction.get("warnings").toString()).contains("annuaire des structures de Chorus Pro");
    }

    /** The mail sent to {@code to} whose subject holds {@code reference}, or null. */
    private MimeMessage noticeTo(String to, String reference) throws Exception {
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            boolean addressed = Arrays.stream(message.getAllRecipients())
                    .anyMatch(address -> ((InternetAddress) address).getAddress().equals(to));
            if (addressed && message.getSubject() != null && message.getSubject().contains(reference)) {
                return message;
            }
        }
        return null;
    }

    private void awaitTask(Invoice invoice, String taskKey) {
        await().atMost(Duration.ofSeconds(60)).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(invoice.externalKey()).taskDefinitionKey(taskKey).count() == 1);
    }

    private void deliver(String messageId, String subject, String text, MimeBodyPart... attachments) throws Exception {
        deliverFrom("compta@fournisseur.example", messageId, subject, text, attachments);
    }

    private void deliverFrom(String from, String messageId, String subject, String text, MimeBodyPart... attachments)
            throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("factures@mairie.example"));
        message.setSubject(subject, "UTF-8");
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        multipart.addBodyPart(body);
        for (MimeBodyPart attachment : attachments) {
            multipart.addBodyPart(attachment);
        }
        message.setContent(multipart);
        message.saveChanges();
        GreenMailUser user = greenMail.getUserManager().getUser("factures");
        user.deliver(message);
    }

    private static MimeBodyPart attachment(byte[] content, String type, String name) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(name);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    private int messagesIn(String folderName) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("localhost", ServerSetupTest.IMAP.getPort(), "factures", "secret");
            Folder imapFolder = store.getFolder(folderName);
            if (!imapFolder.exists()) {
                return 0;
            }
            imapFolder.open(Folder.READ_ONLY);
            try {
                int count = 0;
                for (Message message : imapFolder.getMessages()) {
                    if (!message.isSet(jakarta.mail.Flags.Flag.DELETED)) {
                        count++;
                    }
                }
                return count;
            } finally {
                imapFolder.close(false);
            }
        }
    }

    private long countInvoicesKeyed(String pattern) {
        return jdbc.sql("SELECT count(*) FROM facteur.invoice WHERE external_key LIKE :key").param("key", pattern)
                .query(Long.class).single();
    }

    private List<Invoice> invoicesKeyed(String pattern) {
        return jdbc.sql("SELECT id FROM facteur.invoice WHERE external_key LIKE :key").param("key", pattern)
                .query(Long.class).list().stream().map(invoices::get).toList();
    }

    private Invoice invoiceWithMainDocumentNamed(String filename) throws IOException {
        Long id = jdbc.sql("""
                SELECT l.invoice_id FROM facteur.invoice_document l JOIN facteur.document d ON d.id = l.document_id
                WHERE l.role = 'MAIN' AND d.filename = :name ORDER BY l.invoice_id DESC LIMIT 1""")
                .param("name", filename).query(Long.class).single();
        return invoices.get(id);
    }
}
