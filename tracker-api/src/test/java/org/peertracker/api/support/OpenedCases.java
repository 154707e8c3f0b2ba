package org.peertracker.api.support;

import java.util.Date;
import org.bson.Document;
import org.peertracker.views.SupportCases;
import org.peertracker.views.SupportCases.Opening;

/** Cases seeded as the worker writes them on their opening. */
final class OpenedCases {

    private OpenedCases() {}

    /**
     * A case {@code peer} opened at {@code openedAt} (with event {@code e-<caseId>}, ranked by {@code rankedAt}), with
     * nothing logged since; a test appends what else it needs.
     */
    static Document opened(String org, String caseId, String peer, String rankedAt, Date openedAt) {
        return new Document("_id", SupportCases.key(org, caseId))
                .append(SupportCases.ORG_ID, org)
                .append(SupportCases.CASE_ID, caseId)
                .append(
                        SupportCases.OPENING,
                        new Document(Opening.RANK, rankedAt + "|e-" + caseId)
                                .append(Opening.EVENT_ID, "e-" + caseId)
                                .append(Opening.PEER_ID, peer)
                                .append(Opening.OPENED_AT, openedAt));
    }
}
