package fr.facteur.emission;

import static org.assertj.core.api.Assertions.assertThat;

import fr.facteur.extraction.FacturXWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The sellers an operator configures from the environment (docker/.env): a SIRET as map key, each
 * detail as a variable; the platform's legal notes unless the seller has its own.
 */
class EmissionPropertiesTest {

    @Test
    void aSellerConfiguredFromTheEnvironmentGivesTheInvoiceWriterItsDetailsAndTheLegalNotes() {
        StandardEnvironment environment = new StandardEnvironment();
        // named as Spring names the process environment: its variables are then read the relaxed way
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "FACTEUR_EMISSION_SELLERS_12345678200077_NAME", "LE FOURNISSEUR",
                "FACTEUR_EMISSION_SELLERS_12345678200077_VATNUMBER", "FR11123456782",
                "FACTEUR_EMISSION_SELLERS_12345678200077_CITY", "Lyon",
                "FACTEUR_EMISSION_SELLERS_12345678200077_LEGALNOTES_DISCOUNT", "Escompte de 1 % à 10 jours.",
                "FACTEUR_EMISSION_LEGALNOTES_LATEPENALTIES", "Pénalités : taux BCE + 10 points.")));
        EmissionProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("facteur.emission", EmissionProperties.class);

        FacturXWriter.Seller seller = properties.seller("123 456 782 00077");
        assertThat(seller.name()).isEqualTo("LE FOURNISSEUR");
        assertThat(seller.vatNumber()).isEqualTo("FR11123456782");
        assertThat(seller.city()).isEqualTo("Lyon");
        assertThat(seller.country()).isEqualTo("FR");
        assertThat(seller.discountNote()).as("the seller's own").isEqualTo("Escompte de 1 % à 10 jours.");
        assertThat(seller.latePenaltiesNote()).as("the platform's").isEqualTo("Pénalités : taux BCE + 10 points.");
        assertThat(seller.recoveryCostsNote()).as("the default").contains("40 €");

        FacturXWriter.Seller unknown = properties.seller("98765432100007");
        assertThat(unknown.vatNumber()).isNull();
        assertThat(unknown.discountNote()).isEqualTo("Pas d'escompte pour paiement anticipé.");
    }
}
