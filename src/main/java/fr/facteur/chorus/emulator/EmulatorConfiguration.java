package fr.facteur.chorus.emulator;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Chorus Pro emulator: the same paths and JSON as the PISTE gateway under
 * {@code /emulator}, its state in schema {@code chorus_emulator}. On unless
 * {@code facteur.chorus.emulator.enabled=false} (the prod profile turns it off).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEmulator
public class EmulatorConfiguration {

    @Bean
    FilterRegistrationBean<EmulatorGatewayFilter> emulatorGateway(EmulatorTokens tokens, EmulatorFaults faults) {
        FilterRegistrationBean<EmulatorGatewayFilter> registration =
                new FilterRegistrationBean<>(new EmulatorGatewayFilter(tokens, faults));
        registration.addUrlPatterns("/emulator/cpro/*");
        return registration;
    }
}
