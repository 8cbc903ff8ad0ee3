package fr.facteur.capture;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Intake limits shared by every channel.
 *
 * @param maxFileSize largest document accepted (upload, hot folder, e-mail attachment)
 */
@ConfigurationProperties(prefix = "facteur.capture")
public record CaptureProperties(@DefaultValue("20MB") DataSize maxFileSize) {
}
