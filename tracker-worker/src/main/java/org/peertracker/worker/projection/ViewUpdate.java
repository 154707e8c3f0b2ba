package org.peertracker.worker.projection;

import org.peertracker.worker.mongo.DocumentUpdate;

/** An update an event makes to one view document, identified by collection and {@code _id}. */
public record ViewUpdate(String collection, String id, DocumentUpdate update) {

    /**
     * A document id from its parts, the organisation first: ids chosen by field apps (a case, a session) are
     * unique only within their organisation, and two tenants must never share a document.
     */
    public static String key(String orgId, String... parts) {
        return orgId + "|" + String.join("|", parts);
    }
}
