package fr.facteur.web;

/** A resource the client asked for does not exist. */
class NotFoundException extends RuntimeException {

    NotFoundException(String what, long id) {
        super(what + " " + id + " introuvable");
    }
}
