package org.peertracker.api.activity;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static org.peertracker.views.ActivityLog.COLLECTION;
import static org.peertracker.views.ActivityLog.CORRECTIONS;
import static org.peertracker.views.ActivityLog.EVENT_ID;
import static org.peertracker.views.ActivityLog.OCCURRED_AT;
import static org.peertracker.views.ActivityLog.ORG_ID;
import static org.peertracker.views.ActivityLog.PAYLOAD;
import static org.peertracker.views.ActivityLog.PEER_ID;
import static org.peertracker.views.ActivityLog.RECEIVED_AT;
import static org.peertracker.views.ActivityLog.SUBJECT;
import static org.peertracker.views.ActivityLog.SUBMITTED_BY;
import static org.peertracker.views.ActivityLog.TYPE;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.api.privacy.Texts;
import org.peertracker.api.system.Listing;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.Views;
import org.peertracker.views.ActivityLog.Correction;
import org.peertracker.views.ActivityLog.SubmittedBy;
import org.springframework.stereotype.Component;

/** Reads {@code activity_log}: every event of an organisation as published, pseudonymised. */
@Component
public class ActivityLog {

    private final Views views;
    private final Texts texts;

    ActivityLog(Views views, Texts texts) {
        this.texts = texts;
        this.views = views;
    }

    /**
     * An event as logged; written once, whole, so every field is there (null when the event had none).
     *
     * @param subject the case, session, campaign or peer the event is about
     */
    public record LoggedEvent(
            String orgId,
            String eventId,
            String type,
            String subject,
            String peerId,
            Instant occurredAt,
            Instant receivedAt,

            @Schema(description = "who sent it, from their token: null for events sent before the intake said so")
            Submitter submittedBy,

            @Schema(
                    description = "the event's payload as published, with a clientRef instead of a client code; "
                            + "its schema is that of the event's type: GET /api/v1/schemas/{type}")
            Map<String, Object> payload,

            @Schema(
                    description = "the event.voided and event.amended events that name this one, oldest first; "
                            + "whether each applies is the rules' to say (docs/design.md, Corrections)")
            List<ListedCorrection> corrections) {}

    /** Who sent an event, as the intake took it from the token. */
    public record Submitter(String role, String subject, String peerId) {}

    /** A correction of a logged event, as listed on it. */
    public record ListedCorrection(
            String eventId, String type, String reason, Submitter submittedBy, Instant occurredAt) {}

    /**
     * The events that occurred from {@code since} (included) to {@code until} (excluded), newest first; of one
     * {@code subject} and of one {@code peerId} when given.
     */
    public Listing<LoggedEvent> list(String orgId, Instant since, Instant until, String subject, String peerId) {
        return views.listing(
                        COLLECTION,
                        filter(orgId, since, until, subject, peerId),
                        Paging.latestFirst(OCCURRED_AT),
                        ActivityLog::loggedEvent)
                .preparedBy(docs -> texts.openAll(orgId, docs));
    }

    private static Bson filter(String orgId, Instant since, Instant until, String subject, String peerId) {
        var filters = new ArrayList<Bson>(
                List.of(eq(ORG_ID, orgId), gte(OCCURRED_AT, Date.from(since)), lt(OCCURRED_AT, Date.from(until))));
        if (subject != null) {
            filters.add(eq(SUBJECT, subject));
        }
        if (peerId != null) {
            filters.add(eq(PEER_ID, peerId));
        }
        return and(filters);
    }

    private static LoggedEvent loggedEvent(Document doc) {
        return new LoggedEvent(
                doc.getString(ORG_ID),
                doc.getString(EVENT_ID),
                doc.getString(TYPE),
                doc.getString(SUBJECT),
                doc.getString(PEER_ID),
                Views.instant(doc, OCCURRED_AT),
                Views.instant(doc, RECEIVED_AT),
                submitter(doc.get(SUBMITTED_BY)),
                doc.get(PAYLOAD) instanceof Document payload ? Views.plain(payload) : null,
                corrections(doc));
    }

    private static List<ListedCorrection> corrections(Document doc) {
        var listed = new ArrayList<ListedCorrection>();
        Views.nested(doc, CORRECTIONS).forEach((eventId, value) -> {
            if (value instanceof Document correction) {
                listed.add(new ListedCorrection(
                        eventId,
                        correction.getString(Correction.TYPE),
                        correction.getString(Correction.REASON),
                        submitter(correction.get(Correction.SUBMITTED_BY)),
                        Views.instant(correction, Correction.OCCURRED_AT)));
            }
        });
        listed.sort(Comparator.comparing(ListedCorrection::occurredAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ListedCorrection::eventId));
        return listed;
    }

    static Submitter submitter(org.peertracker.events.Submitter by) {
        return by == null ? null : new Submitter(by.role(), by.subject(), by.peerId());
    }

    static Submitter submitter(Object value) {
        return value instanceof Document by
                ? new Submitter(
                        by.getString(SubmittedBy.ROLE),
                        by.getString(SubmittedBy.SUBJECT),
                        by.getString(SubmittedBy.PEER_ID))
                : null;
    }
}
