package org.peertracker.views;

import java.util.List;
import org.peertracker.events.Topics;

/**
 * The view families: each is projected by one consumer group from the topics it reads into its views, and is rebuilt
 * as a whole. An event is applied by every family that reads its topic.
 */
public enum ViewFamily {
    SUPPORT("support", List.of(Topics.SUPPORT), List.of(SupportCases.COLLECTION, SupportCaseload.COLLECTION)),
    OUTREACH(
            "outreach",
            List.of(Topics.OUTREACH),
            List.of(OutreachSessions.COLLECTION, OutreachDaily.COLLECTION, OutreachSignals.COLLECTION)),
    CAMPAIGN("campaign", List.of(Topics.CAMPAIGN), List.of(Campaigns.COLLECTION)),
    /** Any activity makes a peer active that month: it reads every topic. */
    INVOLVEMENT("involvement", Topics.EVENT_TOPICS, List.of(Peers.COLLECTION, InvolvementMonthly.COLLECTION)),
    ACTIVITY("activity", Topics.EVENT_TOPICS, List.of(ActivityLog.COLLECTION)),
    /** Distinct clients reached: those of outreach contacts and those of cases. */
    REACH("reach", List.of(Topics.SUPPORT, Topics.OUTREACH), List.of(ClientsReached.COLLECTION));

    private final String id;
    private final List<String> topics;
    private final List<String> views;

    ViewFamily(String id, List<String> topics, List<String> views) {
        this.id = id;
        this.topics = topics;
        this.views = views;
    }

    /** The family's short stable name: its consumer group's and its projection key's. */
    public String id() {
        return id;
    }

    public List<String> topics() {
        return topics;
    }

    /** Its views' logical collection names. */
    public List<String> views() {
        return views;
    }
}
