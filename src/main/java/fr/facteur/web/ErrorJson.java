package fr.facteur.web;

/** The body of every API error: a short title and an explanation a user understands. */
public record ErrorJson(String error, String detail) {
}
