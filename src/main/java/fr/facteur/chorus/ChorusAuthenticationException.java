package fr.facteur.chorus;

/** 401 or 403: credentials, subscriptions or the API connection ("raccordement") to check. */
public final class ChorusAuthenticationException extends ChorusException {

    private final int status;

    public ChorusAuthenticationException(int status, String wwwAuthenticate) {
        super(explain(status, wwwAuthenticate), null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    private static String explain(int status, String wwwAuthenticate) {
        if (status == 401) {
            return "Chorus Pro refused the credentials (HTTP 401"
                    + (wwwAuthenticate == null || wwwAuthenticate.isBlank() ? "" : ", " + wwwAuthenticate)
                    + "): check facteur.chorus.client-id/client-secret (PISTE application) and "
                    + "facteur.chorus.login/password (Chorus Pro technical account, which expires every 14 months)";
        }
        return "Chorus Pro denied access (HTTP " + status + "): check that the PISTE application subscribes to the "
                + "Factures, Structures and Transverses APIs and that the structure declared its API connection "
                + "(raccordement) with this application";
    }
}
