package fr.facteur.chorus;

import fr.facteur.chorus.api.EngagementsApi;
import fr.facteur.chorus.api.FacturesApi;
import fr.facteur.chorus.api.StructuresApi;
import fr.facteur.chorus.api.TransversesApi;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Configuration;

/**
 * The four Feign clients. Their URL is set per request by {@link ChorusFeignConfiguration}
 * (configured gateway, or the emulator on this application's port).
 */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = {
    ChorusFeignClients.Factures.class, ChorusFeignClients.Transverses.class, ChorusFeignClients.Structures.class,
    ChorusFeignClients.Engagements.class})
public class ChorusFeignClients {

    private static final String RESOLVED_PER_REQUEST = "http://chorus-pro.invalid";

    @FeignClient(name = "chorus-factures", url = RESOLVED_PER_REQUEST, configuration = ChorusFeignConfiguration.class)
    interface Factures extends FacturesApi {
    }

    @FeignClient(name = "chorus-transverses", url = RESOLVED_PER_REQUEST,
            configuration = ChorusFeignConfiguration.class)
    interface Transverses extends TransversesApi {
    }

    @FeignClient(name = "chorus-structures", url = RESOLVED_PER_REQUEST, configuration = ChorusFeignConfiguration.class)
    interface Structures extends StructuresApi {
    }

    @FeignClient(name = "chorus-engagements", url = RESOLVED_PER_REQUEST, configuration = ChorusFeignConfiguration.class)
    interface Engagements extends EngagementsApi {
    }
}
