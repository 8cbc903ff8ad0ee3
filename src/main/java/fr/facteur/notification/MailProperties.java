package fr.facteur.notification;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The e-mails Facteur sends. The SMTP server is Spring Boot's ({@code spring.mail.host}, {@code .port},
 * {@code .username}, {@code .password}, {@code .properties.mail.smtp.starttls.enable}); without one,
 * nothing is sent and the log says what would have been.
 *
 * @param from           the sender address
 * @param administrators who is told about the platform's own problems (the Chorus Pro technical
 *                       account's password about to expire)
 * @param replyTo        where suppliers' replies go: the mailbox the e-mail channel reads
 *                       ({@code facteur.capture.mail}), so that a reply to a dispute comes back to its
 *                       invoice; empty: the sender address
 */
@ConfigurationProperties(prefix = "facteur.mail")
public record MailProperties(
        @DefaultValue("facteur@localhost") String from,
        @DefaultValue List<String> administrators,
        @DefaultValue("") String replyTo) {

    public MailProperties {
        administrators = administrators.stream().map(String::strip).filter(address -> !address.isEmpty()).toList();
        for (String address : administrators) {
            if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException("facteur.mail.administrators : « " + address
                        + " » n'est pas une adresse e-mail");
            }
        }
    }
}
