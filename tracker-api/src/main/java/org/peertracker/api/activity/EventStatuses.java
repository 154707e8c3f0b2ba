package org.peertracker.api.activity;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.peertracker.views.ActivityLog.COLLECTION;
import static org.peertracker.views.ActivityLog.CORRECTIONS;
import static org.peertracker.views.ActivityLog.OCCURRED_AT;
import static org.peertracker.views.ActivityLog.PEER_ID;
import static org.peertracker.views.ActivityLog.RECEIVED_AT;
import static org.peertracker.views.ActivityLog.SUBJECT;
import static org.peertracker.views.ActivityLog.SUBMITTED_BY;
import static org.peertracker.views.ActivityLog.TYPE;
import static org.peertracker.views.ActivityLog.key;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.peertracker.api.system.Views;
import org.peertracker.events.CorrectionPayload;
import org.peertracker.events.Corrections;
import org.peertracker.events.Event;
import org.peertracker.events.EventAmended;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventFormatException;
import org.peertracker.events.EventType;
import org.peertracker.service.corrections.CorrectionSettings;
import org.peertracker.views.Applied;
import org.peertracker.views.Generations;
import org.peertracker.views.Projections;
import org.peertracker.views.Projections.Claims;
import org.peertracker.views.Projections.Positions;
import org.peertracker.views.ViewFamily;
import org.springframework.stereotype.Component;

/**
 * What became of one event: read from the activity log (that it was received, who sent it, its corrections) and from
 * the projections' bookkeeping (which view families applied it, dead-lettered it or have yet to), under the same
 * rules of corrections as the worker's ({@link Corrections}).
 */
@Component
class EventStatuses {

    static final String APPLIED = "applied";
    static final String PENDING = "pending";
    static final String DEAD_LETTERED = "dead-lettered";
    static final String AS_LOGGED = "as-logged";
    static final String VOIDED = "voided";
    static final String AMENDED = "amended";

    private final Views views;
    private final Duration window;

    EventStatuses(Views views, CorrectionSettings corrections) {
        this.views = views;
        this.window = corrections.window();
    }

    @Schema(description = "What became of an event")
    record EventStatus(
            String eventId,
            String type,
            String subject,
            String peerId,
            Instant occurredAt,
            Instant receivedAt,
            ActivityLog.Submitter submittedBy,

            @Schema(
                    description = "every view family that takes the event has applied it (a void or an amendment "
                            + "included: then the views show its effect)")
            boolean counted,

            List<FamilyState> families,

            @Schema(
                    description = "what the views make of this event under the corrections that apply to it; null "
                            + "for a correction (see target)",
                    allowableValues = {AS_LOGGED, VOIDED, AMENDED})
            String effect,

            @Schema(description = "the corrections naming this event, oldest first, and whether each applies")
            List<CorrectionState> corrections,

            @Schema(description = "for a correction: its target and whether this correction applies to it")
            CorrectionTarget target,

            @Schema(description = "records of this eventId with other content: never applied (send an event.amended)")
            int conflicts) {}

    /**
     * Where one view family stands with the event.
     *
     * @param reason why it was dead-lettered
     */
    record FamilyState(
            String family,

            @Schema(allowableValues = {APPLIED, PENDING, DEAD_LETTERED})
            String state,

            String reason) {}

    /** A correction of the event, and whether the rules let it apply (docs/design.md, "Corrections"). */
    record CorrectionState(
            String eventId,
            String type,
            String reason,
            ActivityLog.Submitter submittedBy,
            Instant occurredAt,
            boolean applies) {}

    /**
     * The event a correction names.
     *
     * @param known   whether the target is logged (a correction of an unknown event has no effect until it comes)
     * @param applies whether this correction applies to it
     */
    record CorrectionTarget(String eventId, String type, boolean known, boolean applies) {}

    /** The event's status, or empty while the activity log does not hold it. */
    Optional<EventStatus> of(String orgId, String eventId) {
        var logged = views.collection(COLLECTION)
                .find(Views.byKey(key(orgId, eventId)))
                .first();
        if (logged == null || logged.getString(TYPE) == null) {
            // an entry without a type holds only the corrections that named an event not logged (yet)
            return Optional.empty();
        }
        var type = logged.getString(TYPE);
        var activity = projection(ViewFamily.ACTIVITY);
        var correctionIds = new ArrayList<>(Views.nested(logged, CORRECTIONS).keySet());
        var published = published(activity, orgId, eventId, correctionIds);
        var event = published.get(eventId);

        var topic = topic(type, event);
        var families = new ArrayList<FamilyState>();
        int conflicts = 0;
        for (var family : ViewFamily.values()) {
            if (topic != null && family.topics().contains(topic)) {
                var claim = claim(projection(family), orgId, eventId);
                families.add(state(family, claim));
                conflicts += claim == null
                        ? 0
                        : claim.getList(Claims.CONFLICTS, Document.class, List.of())
                                .size();
            }
        }
        boolean counted =
                !families.isEmpty() && families.stream().allMatch(f -> f.state().equals(APPLIED));

        var corrections = new ArrayList<CorrectionState>();
        String effect = null;
        CorrectionTarget target = null;
        if (event != null && event.payload() instanceof CorrectionPayload correction) {
            var targetId = correction.targetEventId().toString();
            var targetEvent = published(activity, orgId, targetId, List.of()).get(targetId);
            target = new CorrectionTarget(
                    targetId,
                    correction.targetType(),
                    targetEvent != null,
                    targetEvent != null && Corrections.applies(targetEvent, event, window));
        } else if (event != null) {
            var named = correctionIds.stream()
                    .map(published::get)
                    .filter(c -> c != null)
                    .toList();
            named.stream()
                    .sorted(Comparator.comparing(Event::occurredAt)
                            .thenComparing(c -> c.eventId().toString()))
                    .forEach(c -> corrections.add(new CorrectionState(
                            c.eventId().toString(),
                            c.type(),
                            ((CorrectionPayload) c.payload()).reason(),
                            ActivityLog.submitter(c.submittedBy()),
                            c.occurredAt(),
                            Corrections.applies(event, c, window))));
            effect = effect(event, named);
        }
        return Optional.of(new EventStatus(
                eventId,
                type,
                logged.getString(SUBJECT),
                logged.getString(PEER_ID),
                Views.instant(logged, OCCURRED_AT),
                Views.instant(logged, RECEIVED_AT),
                ActivityLog.submitter(logged.get(SUBMITTED_BY)),
                counted,
                families,
                effect,
                corrections,
                target,
                conflicts));
    }

    private String effect(Event event, List<Event> corrections) {
        var effective = Corrections.effective(event, corrections, window);
        if (effective.isEmpty()) {
            return VOIDED;
        }
        return corrections.stream()
                        .anyMatch(c -> c.payload() instanceof EventAmended && Corrections.applies(event, c, window))
                ? AMENDED
                : AS_LOGGED;
    }

    /** The topic an event was published to: a correction goes to its target type's. */
    private static String topic(String type, Event event) {
        if (event != null) {
            return event.topic();
        }
        return EventType.byToken(type)
                .filter(t -> t.topic() != null)
                .map(EventType::topic)
                .orElse(null);
    }

    private FamilyState state(ViewFamily family, Document claim) {
        if (claim == null) {
            return new FamilyState(family.id(), PENDING, null);
        }
        if (claim.getBoolean(Claims.DEAD_LETTERED, false)) {
            return new FamilyState(family.id(), DEAD_LETTERED, claim.getString(Claims.REASON));
        }
        // claimed and past the family's position in its partition: the writes of its batch are done
        var position = views
                .bookkeeping(Positions.COLLECTION)
                .find(and(
                        eq(Positions.PROJECTION, claim.getString(Claims.PROJECTION)),
                        in(Positions.TOPIC, family.topics())))
                .into(new ArrayList<>())
                .stream()
                .filter(p -> Applied.source(p.getString(Positions.TOPIC), p.getInteger(Positions.PARTITION))
                        .equals(claim.getString(Claims.SOURCE)))
                .findFirst();
        long offset = claim.get(Claims.OFFSET, Number.class).longValue();
        boolean done = position.map(p -> p.get(Positions.NEXT, Number.class).longValue() > offset)
                .orElse(false);
        return new FamilyState(family.id(), done ? APPLIED : PENDING, null);
    }

    private Document claim(String projection, String orgId, String eventId) {
        return views.bookkeeping(Claims.COLLECTION)
                .find(Views.byKey(Claims.id(projection, orgId, eventId)))
                .first();
    }

    /** The events as published, by eventId, from the activity family's claims (those it has applied). */
    private Map<String, Event> published(String activity, String orgId, String eventId, List<String> others) {
        var ids = new HashSet<String>();
        ids.add(Claims.id(activity, orgId, eventId));
        others.forEach(id -> ids.add(Claims.id(activity, orgId, id)));
        var events = new HashMap<String, Event>();
        views.bookkeeping(Claims.COLLECTION)
                .find(Views.byKeys(List.copyOf(ids)))
                .forEach(claim -> {
                    var json = claim.getString(Claims.EVENT);
                    if (json != null) {
                        try {
                            var event = EventCodec.read(json);
                            events.put(event.eventId().toString(), event);
                        } catch (EventFormatException e) {
                            // a record the worker dead-lettered as unreadable: it says nothing about corrections
                        }
                    }
                });
        return events;
    }

    /** The key of the projection readers are served from: its family's generation in {@code view_generations}. */
    private String projection(ViewFamily family) {
        var latest = views.bookkeeping(Generations.COLLECTION)
                .find(eq(Generations.FAMILY, family.id()))
                .sort(new Document(Generations.GENERATION, -1))
                .first();
        return Projections.key(family.id(), latest == null ? 0 : latest.getInteger(Generations.GENERATION));
    }
}
