package org.peertracker.views;

/** Document ids of the views. */
public final class ViewKey {

    private ViewKey() {}

    /**
     * A document id from its parts, the organisation first: ids chosen by field apps (a case, a session) are unique
     * only within their organisation, and two tenants must never share a document.
     */
    public static String of(String orgId, String... parts) {
        return orgId + "|" + String.join("|", parts);
    }

    /** The organisation of a document id. */
    public static String orgOf(String key) {
        return key.substring(0, Math.max(0, key.indexOf('|')));
    }
}
