package fr.facteur.chorus;

import feign.Request;
import feign.RequestInterceptor;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;

/**
 * Configuration of the Chorus Pro Feign clients (deliberately not a {@code @Configuration}: it
 * applies to those clients only). Feign itself never retries: a failed call surfaces as a typed
 * exception and the process engine retries it.
 */
public class ChorusFeignConfiguration {

    /** Header carrying the Chorus Pro technical account, Base64 of {@code login:password}. */
    public static final String CPRO_ACCOUNT = "cpro-account";

    @Bean
    RequestInterceptor chorusHeaders(ChorusEndpoints endpoints, PisteTokenProvider tokens, ChorusProperties properties) {
        String account = Base64.getEncoder().encodeToString(
                (nullToEmpty(properties.login()) + ":" + nullToEmpty(properties.password()))
                        .getBytes(StandardCharsets.UTF_8));
        return template -> {
            template.target(endpoints.apiUrl());
            template.header("Authorization", "Bearer " + tokens.token());
            template.header(CPRO_ACCOUNT, account);
            template.header("Content-Type", "application/json;charset=utf-8");
            template.header("Accept", "application/json;charset=utf-8");
        };
    }

    @Bean
    ErrorDecoder chorusErrorDecoder() {
        return new ChorusErrorDecoder();
    }

    @Bean
    Retryer chorusRetryer() {
        return Retryer.NEVER_RETRY;
    }

    @Bean
    Request.Options chorusTimeouts(ChorusProperties properties) {
        return new Request.Options(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS, true);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
