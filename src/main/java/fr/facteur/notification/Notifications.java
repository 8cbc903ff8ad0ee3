package fr.facteur.notification;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mails to people, each sent once: {@link #sendOnce} records its key in {@code notification_sent}
 * in the transaction that sends it. Two nodes checking at the same second send one mail (the second
 * waits on the first's row, then finds it); a mail the SMTP server refuses leaves no row, so the next
 * check tries again. (A node that dies between the SMTP server's answer and the commit sends it again:
 * at least once, never zero.)
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final MailProperties properties;

    public Notifications(JdbcClient jdbc, ObjectProvider<JavaMailSender> mailSender, MailProperties properties) {
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.properties = properties;
    }

    /** What became of a notice. */
    public enum Outcome {
        /** sent now */
        SENT,
        /** sent before (by this node or another) */
        ALREADY_SENT,
        /** no SMTP server or no recipient configured: nothing can be sent, the log says so */
        NOT_CONFIGURED
    }

    /**
     * Sends the mail unless one with this key was sent already.
     *
     * @throws MailException when the SMTP server refuses it (nothing is recorded: try again later)
     */
    @Transactional
    public Outcome sendOnce(String key, List<String> to, String subject, String text) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null || to.isEmpty()) {
            return Outcome.NOT_CONFIGURED;
        }
        int inserted = jdbc.sql("""
                        INSERT INTO facteur.notification_sent (notification_key, recipients, subject)
                        VALUES (:key, :recipients, :subject) ON CONFLICT (notification_key) DO NOTHING""")
                .param("key", key).param("recipients", String.join(", ", to)).param("subject", subject)
                .update();
        if (inserted == 0) {
            return Outcome.ALREADY_SENT;
        }
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(properties.from());
        if (!properties.replyTo().isBlank()) {
            mail.setReplyTo(properties.replyTo());
        }
        mail.setTo(to.toArray(String[]::new));
        mail.setSubject(subject);
        mail.setText(text);
        sender.send(mail);
        log.info("Mail « {} » sent to {} recipient(s) ({})", subject, to.size(), key);
        return Outcome.SENT;
    }

    /** Whether mails can go out at all (an SMTP server is configured). */
    public boolean canSend() {
        return mailSender.getIfAvailable() != null;
    }
}
