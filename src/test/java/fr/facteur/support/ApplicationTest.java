package fr.facteur.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application on a random port, on its own embedded PostgreSQL, with the demo users.
 * Metrics are exported as in production. Every test class with this annotation shares one Spring context (and one database).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// The capture channels of this shared context only (and its outgoing mail): a hot folder under target/, looked at often;
// GreenMail's mailbox, read when CaptureChannelsIT asks (its schedule would be an hour). Other
// contexts (ChorusClientContractTest...) must not watch the same folder.
@TestPropertySource(properties = {
    "facteur.capture.folder=target/test-hot-folder",
    "facteur.capture.folder-poll=PT0.3S",
    "facteur.capture.mail.host=localhost",
    "facteur.capture.mail.port=3143",
    "facteur.capture.mail.protocol=imap",
    "facteur.capture.mail.username=factures",
    "facteur.capture.mail.password=secret",
    "facteur.capture.mail.poll=PT1H",
    // outgoing mail through GreenMail's SMTP (CaptureChannelsIT), replies to the mailbox the channel reads
    "spring.mail.host=localhost",
    "spring.mail.port=3025",
    // GreenMail answers only while CaptureChannelsIT runs: the other tests read the health without it
    "management.health.mail.enabled=false",
    "facteur.mail.from=facteur@mairie.example",
    "facteur.mail.reply-to=factures@mairie.example"})
public @interface ApplicationTest {
}
