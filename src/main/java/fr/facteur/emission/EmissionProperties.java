package fr.facteur.emission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The emission circuit's settings ({@code facteur.emission.*}).
 *
 * @param reportPoll    how often the deposit report of a flux is read until Chorus Pro integrates or
 *                      rejects it
 * @param statusPoll    how often the status of a sent invoice is read until it is paid or rejected
 * @param silenceLimit  how long Facteur keeps following an invoice whose status does not change
 *                      (some recipients never report payment); then it stops, visibly
 * @param depositMode   {@code FLUX} (structured file: Factur-X, CII, UBL) or {@code PDF} (the PDF and
 *                      the confirmed data, {@code soumettre} in {@code DEPOT_PDF_API} mode)
 */
@ConfigurationProperties(prefix = "facteur.emission")
public record EmissionProperties(
        @DefaultValue("PT5M") Duration reportPoll,
        @DefaultValue("PT1H") Duration statusPoll,
        @DefaultValue("P90D") Duration silenceLimit,
        @DefaultValue("FLUX") EmissionAttempts.Mode depositMode) {
}
