package fr.facteur;

import fr.facteur.worker.OcrWorkerApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Facteur: French public-sector invoices around Chorus Pro, on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FacteurApplication {

    public static void main(String[] args) {
        if (OcrWorkerApplication.requested(args)) {
            OcrWorkerApplication.run(args);
            return;
        }
        SpringApplication.run(FacteurApplication.class, args);
    }
}
