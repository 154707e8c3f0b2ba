package org.peertracker.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue: each type's stable token, its payload version, its topic and its payload record. */
public enum EventType {
    CASE_OPENED("case.opened", 1, Topics.SUPPORT, CaseOpened.class),
    CASE_CONTACT_LOGGED("case.contact-logged", 1, Topics.SUPPORT, CaseContactLogged.class),
    CASE_REFERRAL_MADE("case.referral-made", 1, Topics.SUPPORT, ReferralMade.class),
    CASE_REFERRAL_CLOSED("case.referral-closed", 1, Topics.SUPPORT, ReferralClosed.class),
    CASE_REASSIGNED("case.reassigned", 1, Topics.SUPPORT, CaseReassigned.class),
    CASE_CLOSED("case.closed", 1, Topics.SUPPORT, CaseClosed.class),

    OUTREACH_SESSION_STARTED("outreach.session-started", 1, Topics.OUTREACH, SessionStarted.class),
    OUTREACH_CONTACT_RECORDED("outreach.contact-recorded", 1, Topics.OUTREACH, ContactRecorded.class),
    OUTREACH_SIGNAL_REPORTED("outreach.signal-reported", 1, Topics.OUTREACH, SignalReported.class),
    OUTREACH_SESSION_ENDED("outreach.session-ended", 1, Topics.OUTREACH, SessionEnded.class),

    CAMPAIGN_LAUNCHED("campaign.launched", 1, Topics.CAMPAIGN, CampaignLaunched.class),
    CAMPAIGN_ACTION_RECORDED("campaign.action-recorded", 1, Topics.CAMPAIGN, ActionRecorded.class),
    CAMPAIGN_OUTCOME_RECORDED("campaign.outcome-recorded", 1, Topics.CAMPAIGN, OutcomeRecorded.class),
    CAMPAIGN_CLOSED("campaign.closed", 1, Topics.CAMPAIGN, CampaignClosed.class),

    PEER_JOINED("peer.joined", 1, Topics.PEER, PeerJoined.class),
    PEER_ROLE_ASSIGNED("peer.role-assigned", 1, Topics.PEER, RoleAssigned.class),
    PEER_ROLE_ENDED("peer.role-ended", 1, Topics.PEER, RoleEnded.class),
    PEER_INVOLVEMENT_RECORDED("peer.involvement-recorded", 1, Topics.PEER, InvolvementRecorded.class),
    PEER_TRAINING_COMPLETED("peer.training-completed", 1, Topics.PEER, TrainingCompleted.class),
    PEER_COMPENSATION_PAID("peer.compensation-paid", 1, Topics.PEER, CompensationPaid.class),
    PEER_LEFT("peer.left", 1, Topics.PEER, PeerLeft.class),

    /** Corrections: published to their target type's topic (see {@link Event#topic()}), so no topic of their own. */
    EVENT_VOIDED("event.voided", 1, null, EventVoided.class),
    EVENT_AMENDED("event.amended", 1, null, EventAmended.class);

    private static final Map<String, EventType> BY_TOKEN =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::token, Function.identity()));

    private final String token;
    private final int version;
    private final String topic;
    private final Class<? extends Payload> payloadClass;

    EventType(String token, int version, String topic, Class<? extends Payload> payloadClass) {
        this.token = token;
        this.version = version;
        this.topic = topic;
        this.payloadClass = payloadClass;
    }

    public static Optional<EventType> byToken(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token));
    }

    public static EventType of(Payload payload) {
        return switch (payload) {
            case CaseOpened p -> CASE_OPENED;
            case CaseContactLogged p -> CASE_CONTACT_LOGGED;
            case ReferralMade p -> CASE_REFERRAL_MADE;
            case ReferralClosed p -> CASE_REFERRAL_CLOSED;
            case CaseReassigned p -> CASE_REASSIGNED;
            case CaseClosed p -> CASE_CLOSED;
            case SessionStarted p -> OUTREACH_SESSION_STARTED;
            case ContactRecorded p -> OUTREACH_CONTACT_RECORDED;
            case SignalReported p -> OUTREACH_SIGNAL_REPORTED;
            case SessionEnded p -> OUTREACH_SESSION_ENDED;
            case CampaignLaunched p -> CAMPAIGN_LAUNCHED;
            case ActionRecorded p -> CAMPAIGN_ACTION_RECORDED;
            case OutcomeRecorded p -> CAMPAIGN_OUTCOME_RECORDED;
            case CampaignClosed p -> CAMPAIGN_CLOSED;
            case PeerJoined p -> PEER_JOINED;
            case RoleAssigned p -> PEER_ROLE_ASSIGNED;
            case RoleEnded p -> PEER_ROLE_ENDED;
            case InvolvementRecorded p -> PEER_INVOLVEMENT_RECORDED;
            case TrainingCompleted p -> PEER_TRAINING_COMPLETED;
            case CompensationPaid p -> PEER_COMPENSATION_PAID;
            case PeerLeft p -> PEER_LEFT;
            case EventVoided p -> EVENT_VOIDED;
            case EventAmended p -> EVENT_AMENDED;
        };
    }

    public String token() {
        return token;
    }

    public int version() {
        return version;
    }

    /** The topic of this type's events; null for a correction, which goes to its target's. */
    public String topic() {
        return topic;
    }

    /**
     * True for what only a coordinator or an admin may log, and so correct: case ownership, and the organisation's
     * own records of its peers (joining, leaving, roles, pay).
     */
    public boolean isCoordinatorOnly() {
        return switch (this) {
            case CASE_REASSIGNED, PEER_JOINED, PEER_LEFT, PEER_ROLE_ASSIGNED, PEER_ROLE_ENDED, PEER_COMPENSATION_PAID ->
                true;
            default -> false;
        };
    }

    /** True for {@code event.voided} and {@code event.amended}. */
    public boolean isCorrection() {
        return CorrectionPayload.class.isAssignableFrom(payloadClass);
    }

    public Class<? extends Payload> payloadClass() {
        return payloadClass;
    }
}
