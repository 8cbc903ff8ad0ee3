package fr.facteur.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.extraction.ExtractionProperties;
import fr.facteur.extraction.ExtractionService;
import fr.facteur.extraction.OcrEngine;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The same jar as an OCR worker only ({@code --spring.profiles.active=ocr-worker}): no engine, no
 * database, no web server — the extraction pipeline and a worker of topic
 * {@code invoice-extraction} talking to a Facteur over HTTP. Deliberately not a
 * {@code @Configuration}, so the application's component scan never picks it up.
 */
@EnableConfigurationProperties({ExtractionProperties.class, OcrWorkerProperties.class})
public class OcrWorkerApplication {

    public static final String PROFILE = "ocr-worker";

    /** Whether the command line or the environment asks for the worker profile. */
    public static boolean requested(String[] args) {
        Stream<String> fromArgs = Arrays.stream(args)
                .filter(arg -> arg.startsWith("--spring.profiles.active="))
                .map(arg -> arg.substring("--spring.profiles.active=".length()));
        Stream<String> fromEnvironment = Stream.of(System.getProperty("spring.profiles.active"),
                System.getenv("SPRING_PROFILES_ACTIVE"));
        return Stream.concat(fromArgs, fromEnvironment)
                .filter(value -> value != null)
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(profile -> profile.strip().equals(PROFILE));
    }

    public static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(OcrWorkerApplication.class)
                .web(WebApplicationType.NONE)
                .profiles(PROFILE)
                .run(args);
    }

    @Bean
    OcrEngine ocrEngine(ExtractionProperties properties) {
        return new OcrEngine(properties);
    }

    @Bean
    ExtractionService extractionService(OcrEngine ocr, ExtractionProperties properties) {
        return new ExtractionService(ocr, properties);
    }

    @Bean
    RemoteExtractionWorker remoteExtractionWorker(OcrWorkerProperties properties, ExtractionService extraction,
                                                  ExtractionProperties extractionProperties) {
        return new RemoteExtractionWorker(properties, extraction, extractionProperties,
                new ObjectMapper().findAndRegisterModules());
    }
}
