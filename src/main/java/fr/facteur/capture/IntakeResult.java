package fr.facteur.capture;

import fr.facteur.invoice.Invoice;

/**
 * @param created false when the document had already been received: the existing invoice is
 *                returned and nothing new was stored or started
 */
public record IntakeResult(Invoice invoice, boolean created) {
}
