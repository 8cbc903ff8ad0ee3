package fr.facteur.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled create the demo users at start (default run only; refused with the prod profile)
 */
@ConfigurationProperties(prefix = "facteur.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled) {
}
