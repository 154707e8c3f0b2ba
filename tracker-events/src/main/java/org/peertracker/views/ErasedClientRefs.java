package org.peertracker.views;

/**
 * {@code erased_clients}: a tombstone per erased client reference ({@link #key}), written by the API before it
 * destroys the client's pseudonym rows; the worker drops a reference with a tombstone from whatever it projects, in a
 * rebuild too. The reference is random and no code leads to it any more.
 */
public final class ErasedClientRefs {

    public static final String COLLECTION = "erased_clients";
    public static final String ERASED_AT = "erasedAt";
    /**
     * A random token that stands for the erased client where a view counts distinct clients ({@code clients_reached}):
     * the count stays, nothing leads to the client.
     */
    public static final String TOKEN = "token";

    private ErasedClientRefs() {}

    public static String key(String orgId, String clientRef) {
        return ViewKey.of(orgId, clientRef);
    }
}
