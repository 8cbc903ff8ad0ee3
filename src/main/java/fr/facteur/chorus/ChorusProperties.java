package fr.facteur.chorus;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connection to Chorus Pro through the PISTE gateway, and the relève.
 *
 * @param apiUrl            gateway base, to which {@code /cpro/<api>/v1/...} is appended (for example
 *                          {@code https://sandbox-api.piste.gouv.fr}); empty = the embedded emulator
 * @param tokenUrl          full OAuth token endpoint; empty = the emulator's
 * @param clientId          PISTE application client id
 * @param clientSecret      PISTE application client secret
 * @param login             Chorus Pro technical account login ({@code TECH_1_...@cpro.fr})
 * @param password          Chorus Pro technical account password
 * @param passwordExpiresOn the day the technical password expires (health warns 15 days ahead)
 * @param connectTimeout    TCP connect timeout
 * @param readTimeout       read timeout (downloads can be large)
 * @param tokenRenewalMargin renew the token this long before it expires
 * @param healthCacheTtl    how long the Chorus Pro health answer is reused
 * @param callRetry         transient failures tried again inside a step (see {@link ChorusCallRetry})
 * @param emulator          the embedded emulator
 * @param releveCycle       timer cycle of the relève (ISO 8601 repeat or cron), every 5 minutes by default
 * @param recipientStructures {@code idStructureCPP} of the structures to read; empty = every structure the
 *                          technical account receives for ({@code recuperer/structures/actives/destinataire})
 * @param releveOverlap     each relève reads again this far before the last watermark (late updates)
 * @param initialLookback   how far back the first relève of a structure reads
 * @param retryCycle        retries of each process step calling Chorus Pro, then an incident in Cockpit
 * @param incidentRetry     how often the incidents left by Chorus Pro being unreachable (an outage longer
 *                          than the retry cycle) are tried again, without a person; zero: never
 */
@ConfigurationProperties(prefix = "facteur.chorus")
public record ChorusProperties(
        String apiUrl,
        String tokenUrl,
        String clientId,
        String clientSecret,
        String login,
        String password,
        LocalDate passwordExpiresOn,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("120s") Duration readTimeout,
        @DefaultValue("240s") Duration tokenRenewalMargin,
        @DefaultValue("60s") Duration healthCacheTtl,
        @DefaultValue CallRetry callRetry,
        @DefaultValue Emulator emulator,
        @DefaultValue("R/PT5M") String releveCycle,
        @DefaultValue List<Long> recipientStructures,
        @DefaultValue("PT1H") Duration releveOverlap,
        @DefaultValue("P30D") Period initialLookback,
        @DefaultValue("R5/PT1M") String retryCycle,
        @DefaultValue("PT10M") Duration incidentRetry) {

    /**
     * @param attempts   calls at most in one step, the first included
     * @param backoff    first wait, doubled each time, with jitter
     * @param maxBackoff longest wait, and longest {@code Retry-After} honoured inside a step
     * @param budget     no further call after this long in one step (the job's lock is 5 minutes)
     */
    public record CallRetry(@DefaultValue("4") int attempts,
                            @DefaultValue("500ms") Duration backoff,
                            @DefaultValue("5s") Duration maxBackoff,
                            @DefaultValue("20s") Duration budget) {

        public ChorusCallRetry policy() {
            return new ChorusCallRetry(attempts, backoff, maxBackoff, budget);
        }
    }

    /**
     * @param enabled     serve the emulator under {@code /emulator} and point the client at it when no
     *                    {@code api-url} is set (on by default, off with the prod profile)
     * @param tokenTtl    lifetime of the tokens the emulator issues
     * @param maxPageSize the most results per page the emulator returns, whatever is asked
     * @param seed        create the demo structures and invoices in an empty emulator
     */
    public record Emulator(@DefaultValue("true") boolean enabled,
                           @DefaultValue("3600s") Duration tokenTtl,
                           @DefaultValue("100") int maxPageSize,
                           @DefaultValue("true") boolean seed) {
    }
}
