package fr.facteur.capture;

import fr.facteur.archive.Sha256;
import fr.facteur.extraction.DocumentTypeDetector;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.Direction;
import fr.facteur.invoice.DisputeReference;
import fr.facteur.invoice.InvoiceService;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-mail channel: reads an IMAP mailbox; every PDF, XML or image attachment of a mail becomes
 * an invoice (natural key {@code MAIL:<Message-ID>:<attachment SHA-256>}, so reading a mail twice
 * is harmless), the mail's text is kept beside it as a supporting document, and the mail moves to
 * the processed folder. A reply to the mail of a dispute (its subject keeps the dispute's reference)
 * brings its files to that invoice instead, which goes back to validation. A mail without any usable attachment, or with one refused (empty, too
 * large...), moves to the failed folder for a person to look at — it is never dropped. A technical failure leaves the mail in the inbox for the
 * next reading.
 */
public class MailChannel {

    private static final Logger log = LoggerFactory.getLogger(MailChannel.class);

    private final CaptureProperties.Mail settings;
    private final IntakeService intake;

    public MailChannel(CaptureProperties.Mail settings, IntakeService intake) {
        this.settings = settings;
        this.intake = intake;
    }

    /** What one reading of the mailbox did. */
    public record Poll(int mails, int invoices, int refusedMails) {
    }

    public synchronized Poll poll() {
        Properties properties = new Properties();
        String protocol = settings.protocol();
        properties.put("mail.store.protocol", protocol);
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "30000");
        Session session = Session.getInstance(properties);
        int mails = 0;
        int invoices = 0;
        int refused = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(settings.host(), settings.port() == 0 ? -1 : settings.port(), settings.username(),
                    settings.password());
            Folder inbox = store.getFolder(settings.folder());
            Folder processed = existing(store, settings.processedFolder());
            Folder failed = existing(store, settings.failedFolder());
            inbox.open(Folder.READ_WRITE);
            try {
                for (Message message : inbox.getMessages()) {
                    if (message.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    mails++;
                    Taken taken = take((MimeMessage) message);
                    invoices += taken.invoices();
                    boolean complete = taken.invoices() > 0 && taken.refused() == 0;
                    if (!complete) {
                        refused++;
                    }
                    inbox.copyMessages(new Message[] {message}, complete ? processed : failed);
                    message.setFlag(Flags.Flag.DELETED, true);
                }
            } finally {
                inbox.close(true);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("La boîte " + settings + " ne peut pas être lue : " + e.getMessage(), e);
        }
        if (mails > 0) {
            log.info("Mailbox {}: {} mails, {} invoices, {} mails without a usable attachment", settings, mails, invoices,
                    refused);
        }
        return new Poll(mails, invoices, refused);
    }

    private static Folder existing(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
        return folder;
    }

    private record Taken(int invoices, int refused) {
    }

    /** Takes in every usable attachment of a mail: how many invoices it made, how many were refused. */
    private Taken take(MimeMessage message) throws MessagingException, IOException {
        String messageId = message.getMessageID() != null ? message.getMessageID()
                : "sans-id:" + Sha256.hex((String.valueOf(message.getSentDate()) + message.getSubject()).getBytes(StandardCharsets.UTF_8));
        List<Part> attachments = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        collect(message, attachments, body);
        byte[] summary = summary(message, body.toString());
        Optional<DisputeReference.Found> dispute = DisputeReference.find(message.getSubject());
        if (dispute.isPresent()) {
            return answer(messageId, message, dispute.get(), attachments, summary);
        }
        int taken = 0;
        int refused = 0;
        for (Part attachment : attachments) {
            byte[] content = attachment.getInputStream().readAllBytes();
            String filename = attachment.getFileName() == null ? null : MimeUtility.decodeText(attachment.getFileName());
            if (content.length == 0 || DocumentTypeDetector.detect(content).isEmpty()) {
                log.info("Mail {}: attachment {} is not a PDF, XML or image, kept with the mail only", messageId, filename);
                continue;
            }
            try {
                IntakeResult result = intake.receive(new IntakeRequest(content, filename, Direction.RECEIVED, Channel.EMAIL,
                        InvoiceService.MAIL_ACTOR_PREFIX + sender(message), "MAIL:" + messageId + ":" + Sha256.hex(content),
                        List.of(new IntakeRequest.SupportingDocument(summary, "text/plain; charset=UTF-8", "message.txt"))));
                taken++;
                log.info("Mail {}: {} → invoice {}{}", messageId, filename, result.invoice().id(),
                        result.created() ? "" : " (already received)");
            } catch (RejectedDocumentException e) {
                refused++;
                log.warn("Mail {}: attachment {} refused, mail moved to {}: {}", messageId, filename,
                        settings.failedFolder(), e.getMessage());
            }
        }
        return new Taken(taken, refused);
    }

    /**
     * A supplier's reply to the mail of a dispute: its files go to that invoice, not into new invoices.
     * A reply that does not fit (another sender, an invoice no longer in dispute) goes to the failed
     * folder for a person.
     */
    private Taken answer(String messageId, MimeMessage message, DisputeReference.Found dispute, List<Part> attachments,
                         byte[] summary) throws MessagingException, IOException {
        List<IntakeService.ReplyFile> files = new ArrayList<>();
        for (Part attachment : attachments) {
            files.add(new IntakeService.ReplyFile(attachment.getInputStream().readAllBytes(),
                    attachment.getFileName() == null ? null : MimeUtility.decodeText(attachment.getFileName())));
        }
        Address[] from = message.getFrom();
        String address = from == null || from.length == 0 ? "" : ((InternetAddress) from[0]).getAddress();
        try {
            Optional<Integer> added = intake.answerDispute(dispute, address, files, summary);
            if (added.isPresent()) {
                log.info("Mail {}: the supplier's answer to the dispute on invoice {} ({} document(s))", messageId,
                        dispute.invoiceId(), added.get());
                return new Taken(1, 0);
            }
            log.warn("Mail {}: a reply about invoice {} that does not fit its dispute (sender, status), left for a person",
                    messageId, dispute.invoiceId());
        } catch (RejectedDocumentException e) {
            log.warn("Mail {}: the reply about invoice {} holds a file refused: {}", messageId, dispute.invoiceId(),
                    e.getMessage());
        }
        return new Taken(0, 1);
    }

    private static void collect(Part part, List<Part> attachments, StringBuilder body) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, attachments, body);
            }
        } else if (Part.INLINE.equalsIgnoreCase(part.getDisposition()) && part.isMimeType("image/*")) {
            return; // a logo in the signature, not an invoice
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            attachments.add(part);
        } else if (part.isMimeType("text/plain") && body.isEmpty()) {
            body.append(part.getContent());
        } else if (part.isMimeType("text/html") && body.isEmpty()) {
            body.append(part.getContent().toString().replaceAll("(?s)<[^>]*>", " ").replaceAll("[ \\t]+", " "));
        }
    }

    /** The mail as a person would want it beside the invoice: who, when, what, and its text. */
    private static byte[] summary(MimeMessage message, String body) throws MessagingException {
        String text = "De : " + sender(message) + "\n"
                + "Date : " + message.getSentDate() + "\n"
                + "Objet : " + message.getSubject() + "\n"
                + "Message-ID : " + message.getMessageID() + "\n\n"
                + body.strip() + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sender(Message message) throws MessagingException {
        Address[] from = message.getFrom();
        return from == null || from.length == 0 ? "inconnu" : from[0].toString();
    }
}
