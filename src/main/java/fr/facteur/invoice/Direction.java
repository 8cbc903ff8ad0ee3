package fr.facteur.invoice;

/** Whether Facteur received the invoice (we are the buyer) or emits it (we are the supplier). */
public enum Direction {
    RECEIVED,
    EMITTED
}
