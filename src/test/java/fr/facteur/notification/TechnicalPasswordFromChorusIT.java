package fr.facteur.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.chorus.TechnicalAccountExpiry;
import fr.facteur.support.ApplicationTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Without {@code facteur.chorus.password-expires-on}, the technical password's expiry day is the one
 * Chorus Pro gives with the account's structure (here the emulator's, over HTTP): when it comes within
 * 15 days, the banner shows; when the password is renewed on Chorus Pro, it goes.
 */
@ApplicationTest
class TechnicalPasswordFromChorusIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private TechnicalAccountWarnings warnings;
    @Autowired
    private TechnicalAccountExpiry expiry;

    @Test
    void theExpiryDayChorusProGivesIsWatched() throws Exception {
        TestRestTemplate demo = rest.withBasicAuth("demo", "demo");
        try {
            demo.put("/emulator/control/technical-account", Map.of("passwordExpiresOn", TODAY.plusDays(5).toString()));
            warnings.check();
            assertThat(expiry.expiryDay()).contains(new TechnicalAccountExpiry.ExpiryDay(TODAY.plusDays(5),
                    TechnicalAccountExpiry.Source.CHORUS_PRO));
            assertThat(alerts(demo).at("/0/message").asText())
                    .startsWith("Le mot de passe du compte technique Chorus Pro expire dans 5 jours");
        } finally {
            // renewed on Chorus Pro: 14 months ahead again
            demo.put("/emulator/control/technical-account", Map.of("passwordExpiresOn", TODAY.plusMonths(14).toString()));
            warnings.check();
        }
        assertThat(expiry.expiryDay()).get().extracting(TechnicalAccountExpiry.ExpiryDay::day).isEqualTo(TODAY.plusMonths(14));
        assertThat(alerts(demo)).isEmpty();
    }

    private JsonNode alerts(TestRestTemplate user) throws Exception {
        return json.readTree(user.getForObject("/api/session", String.class)).get("alerts");
    }
}
