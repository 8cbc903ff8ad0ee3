package fr.facteur.web;

import java.util.List;

/** One page of a list, with the total number of matching items. */
public record InvoicePage(List<InvoiceJson> items, long total) {
}
