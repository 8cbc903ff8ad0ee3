package fr.facteur.emission;

import java.util.List;

/**
 * No file that passes the validator can be made for the invoice as confirmed: the reasons, in
 * French, one per failed rule, for the person on "Confirmer l'émission".
 */
public class DepositFileRefused extends IllegalArgumentException {

    private final List<String> reasons;

    public DepositFileRefused(List<String> reasons) {
        super(String.join(" ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
