package fr.facteur;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Facteur: French public-sector invoices around Chorus Pro, on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FacteurApplication {

    public static void main(String[] args) {
        SpringApplication.run(FacteurApplication.class, args);
    }
}
