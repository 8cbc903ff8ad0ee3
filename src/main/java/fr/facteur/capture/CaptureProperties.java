package fr.facteur.capture;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The capture channels and the limits they share.
 *
 * @param maxFileSize  largest document accepted (upload, hot folder, e-mail attachment)
 * @param folder       the hot folder watched for documents (none when unset); files go to its
 *                     {@code done/} or {@code failed/} sub-folder, never deleted
 * @param emissionFolder the hot folder for invoices to emit on Chorus Pro (none when unset), same rules
 * @param folderPoll   how often the hot folders are looked at
 * @param mail         the IMAP mailbox read for invoices
 */
@ConfigurationProperties(prefix = "facteur.capture")
public record CaptureProperties(
        @DefaultValue("20MB") DataSize maxFileSize,
        Path folder,
        Path emissionFolder,
        @DefaultValue("PT5S") Duration folderPoll,
        @DefaultValue Mail mail) {

    /**
     * {@code facteur.capture.mail.*}: the mailbox suppliers send invoices to.
     *
     * @param host            IMAP server (the channel is off when unset)
     * @param protocol        {@code imaps} (TLS) or {@code imap}
     * @param folder          where new mails arrive
     * @param processedFolder where handled mails are moved (created when missing)
     * @param failedFolder    where mails without any usable attachment are moved, for a person to look at
     * @param poll            how often the mailbox is read
     */
    public record Mail(
            String host,
            @DefaultValue("0") int port,
            @DefaultValue("imaps") String protocol,
            String username,
            String password,
            @DefaultValue("INBOX") String folder,
            @DefaultValue("Factures traitées") String processedFolder,
            @DefaultValue("Factures non traitées") String failedFolder,
            @DefaultValue("PT1M") Duration poll) {

        public boolean enabled() {
            return host != null && !host.isBlank();
        }

        @Override
        public String toString() {
            return "Mail[" + protocol + "://" + username + "@" + host + ":" + port + "/" + folder + "]";
        }
    }
}
