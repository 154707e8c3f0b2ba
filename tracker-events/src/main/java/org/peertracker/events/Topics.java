package org.peertracker.events;

import java.util.List;

/** The names of the Kafka topics of the contract. */
public final class Topics {

    public static final String SUPPORT = "tracker.support.v1";
    public static final String OUTREACH = "tracker.outreach.v1";
    public static final String CAMPAIGN = "tracker.campaign.v1";
    public static final String PEER = "tracker.peer.v1";
    public static final String VIEW_CHANGES = "tracker.view-changes";
    /** Erasure notices ({@link ClientErased}), keyed by organisation; kept forever, as the events they erase from. */
    public static final String ERASURES = "tracker.erasures.v1";

    /** The topics that carry events; each keeps them forever so that views can be rebuilt. */
    public static final List<String> EVENT_TOPICS = List.of(SUPPORT, OUTREACH, CAMPAIGN, PEER);

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }
}
