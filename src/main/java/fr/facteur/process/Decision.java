package fr.facteur.process;

import java.util.Arrays;
import java.util.Optional;

/** What a validator decides in {@code Task_ValidateInvoice}. */
public enum Decision {
    APPROVE(false),
    DISPUTE(true),
    REJECT(true);

    private final boolean motifRequired;

    Decision(boolean motifRequired) {
        this.motifRequired = motifRequired;
    }

    public boolean motifRequired() {
        return motifRequired;
    }

    public static Optional<Decision> parse(Object value) {
        return Arrays.stream(values()).filter(d -> d.name().equals(value)).findFirst();
    }
}
