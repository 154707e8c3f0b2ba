package org.peertracker.views;

/**
 * {@code client_pseudonyms}: the organisation's pseudonym table, written by the intake only. A row maps a client code,
 * as HMAC-SHA-256 under the organisation's lookup key of one version ({@link #key}), to the client's random reference
 * ({@link #REF}), which is all the events carry. Destroying a client's rows is erasing the client: no code leads to
 * its reference any more, and the worker drops a reference that no row holds.
 */
public final class PseudonymTable {

    public static final String COLLECTION = "client_pseudonyms";

    public static final String ORG_ID = "orgId";
    public static final String REF = "ref";
    /** The version of the organisation's lookup key the row's id was made with. */
    public static final String KEY_VERSION = "keyVersion";

    public static final String CREATED_AT = "createdAt";
    /** When an event last named the client (to the day): the retention period runs from it. */
    public static final String LAST_SEEN_AT = "lastSeenAt";

    private PseudonymTable() {}

    /** A row's id: {@code orgId|k<version>|<hex HMAC of the normalised code>}. */
    public static String key(String orgId, int keyVersion, String lookupHash) {
        return ViewKey.of(orgId, "k" + keyVersion, lookupHash);
    }
}
