package fr.facteur.chorus.emulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Present only while the emulator is on ({@code facteur.chorus.emulator.enabled}, default true). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(name = "facteur.chorus.emulator.enabled", havingValue = "true", matchIfMissing = true)
@interface ConditionalOnEmulator {
}
