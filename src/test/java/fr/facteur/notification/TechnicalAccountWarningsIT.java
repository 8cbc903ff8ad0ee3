package fr.facteur.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.facteur.support.BrowserJourneys;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Chorus Pro technical account's password expires in 10 days: the administrators get one e-mail
 * (a real SMTP server, GreenMail) as the application starts, not one per check; later stages (7 days,
 * the day before, expired) each get theirs; a refused send is tried again; managers and administrators
 * see the banner on the overview, in Cockpit (a real browser) and in {@code /api/session}; a validator
 * does not. An application of its own (its engine named apart): the expiry day is set relative to today.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Not closed after the class (no @DirtiesContext): Camunda's REST API keeps one long-polling handler per
// JVM, and closing this application's servlet context would stop it for the shared test application too.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TechnicalAccountWarningsIT {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate TODAY = LocalDate.now(PARIS);
    private static final LocalDate EXPIRES_ON = TODAY.plusDays(10);
    private static final String DAY = EXPIRES_ON.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    private static final String ENGINE = "technicalAccount";
    private static final int SMTP_PORT = 3625;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, null, ServerSetup.PROTOCOL_SMTP))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("facteur.chorus.password-expires-on", EXPIRES_ON::toString);
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("facteur.mail.from", () -> "facteur@mairie.example");
        registry.add("facteur.mail.administrators", () -> "exploitation@mairie.example, dsi@mairie.example");
        // a second application in this JVM: its engine has a name of its own
        registry.add("camunda.bpm.process-engine-name", () -> ENGINE);
    }

    @Autowired
    private TechnicalAccountWarnings warnings;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ObjectMapper json;
    @LocalServerPort
    private int port;

    @Test
    @Order(1)
    void theAdministratorsAreMailedOnceAsTheApplicationStarts() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= 2);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2); // one message, one copy per recipient
        MimeMessage mail = received[0];
        assertThat(Arrays.stream(mail.getAllRecipients()).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactlyInAnyOrder("exploitation@mairie.example", "dsi@mairie.example");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("facteur@mairie.example");
        assertThat(mail.getSubject())
                .isEqualTo("Facteur : le mot de passe du compte technique Chorus Pro expire le " + DAY);
        assertThat(((String) mail.getContent()).replace("\r\n", "\n"))
                .contains("Le mot de passe du compte technique Chorus Pro expire dans 10 jours, le " + DAY)
                .contains("gestionnaire principal");

        // the hourly check, or a second node starting, sends nothing more
        assertThat(warnings.check(TODAY)).contains(Notifications.Outcome.ALREADY_SENT);
        warnings.check();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(jdbc.sql("SELECT notification_key FROM facteur.notification_sent").query(String.class).list())
                .containsExactly("chorus-technical-password:" + EXPIRES_ON + ":FIFTEEN_DAYS");
    }

    @Test
    @Order(2)
    void eachLaterStageIsMailedOnceAndARefusedSendIsTriedAgain() throws Exception {
        assertThat(warnings.check(EXPIRES_ON.minusDays(20))).as("more than 15 days ahead").isEmpty();
        assertThat(warnings.check(EXPIRES_ON.minusDays(6))).contains(Notifications.Outcome.SENT);
        assertThat(warnings.check(EXPIRES_ON.minusDays(5))).contains(Notifications.Outcome.ALREADY_SENT);
        assertThat(warnings.check(EXPIRES_ON.minusDays(1))).contains(Notifications.Outcome.SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(6);
        assertThat(bodies()).filteredOn(body -> body.contains("expire dans 6 jours, le " + DAY)).hasSize(2);
        assertThat(bodies()).filteredOn(body -> body.contains("expire demain, le " + DAY)).hasSize(2);

        smtp.stop();
        try {
            assertThatThrownBy(() -> warnings.check(EXPIRES_ON.plusDays(1))).isInstanceOf(MailException.class);
            assertThat(jdbc.sql("SELECT count(*) FROM facteur.notification_sent WHERE notification_key LIKE '%:EXPIRED'")
                    .query(Long.class).single()).as("nothing recorded: tried again").isZero();
        } finally {
            smtp.start();
        }
        assertThat(warnings.check(EXPIRES_ON.plusDays(1))).contains(Notifications.Outcome.SENT);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(TechnicalAccountWarningsIT::subject))
                .filteredOn(subject -> subject.equals(
                        "Facteur : le mot de passe du compte technique Chorus Pro a expiré le " + DAY))
                .hasSize(2);
        assertThat(jdbc.sql("SELECT notification_key FROM facteur.notification_sent ORDER BY sent_at").query(String.class).list())
                .containsExactly("chorus-technical-password:" + EXPIRES_ON + ":FIFTEEN_DAYS",
                        "chorus-technical-password:" + EXPIRES_ON + ":SEVEN_DAYS",
                        "chorus-technical-password:" + EXPIRES_ON + ":DAY_BEFORE",
                        "chorus-technical-password:" + EXPIRES_ON + ":EXPIRED");
    }

    private List<String> bodies() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            bodies.add(((String) message.getContent()).replace("\r\n", "\n"));
        }
        return bodies;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(3)
    void managersAndAdministratorsSeeTheBannerValidatorsDoNot() throws Exception {
        String message = "Le mot de passe du compte technique Chorus Pro expire dans 10 jours, le " + DAY;
        for (String user : new String[] {"demo", "manager"}) {
            JsonNode session = json.readTree(rest.withBasicAuth(user, user).getForObject("/api/session", String.class));
            assertThat(session.at("/alerts/0/level").asText()).isEqualTo("warning");
            assertThat(session.at("/alerts/0/message").asText()).startsWith(message);
        }
        JsonNode validator = json.readTree(rest.withBasicAuth("valideur", "valideur").getForObject("/api/session", String.class));
        assertThat(validator.get("alerts")).isEmpty();
        assertThat(rest.withBasicAuth("manager", "manager").getForObject("/apercu/", String.class))
                .contains("role=\"alert\"").contains(message);
        JsonNode health = json.readTree(rest.withBasicAuth("demo", "demo").getForObject("/actuator/health", String.class));
        assertThat(health.at("/components/chorusPro/details/warning").asText()).startsWith(message);

        JsonNode report = BrowserJourneys.run("administrator-alerts.mjs", "administrator-alerts", port,
                Map.of("ENGINE", ENGINE));
        JsonNode cockpit = report.get(0).get("facts");
        assertThat(cockpit.get("cockpitBanners").get(0).asText()).startsWith(message);
        assertThat(cockpit.get("bannerAboveDashboard").asBoolean()).isTrue();
        JsonNode overview = report.get(1).get("facts");
        assertThat(overview.get("overviewBanners").get(0).asText()).startsWith(message);
        assertThat(overview.get("validatorBanners").asInt()).isZero();
    }
}
