package org.peertracker.api.privacy;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.peertracker.api.security.Caller;
import org.peertracker.api.system.Views;
import org.peertracker.events.ClientErased;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.peertracker.views.ActivityLog;
import org.peertracker.views.ErasedClientRefs;
import org.peertracker.views.ErasureAudit;
import org.peertracker.views.FieldPath;
import org.peertracker.views.PseudonymTable;
import org.peertracker.views.SupportCases;
import org.peertracker.views.TextKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Erasure: of a client (its pseudonym rows destroyed, a {@link ClientErased} notice published, on which the worker
 * and any consumer drop the client's reference and needs), and of an event's texts (their data keys destroyed).
 * Each is audited without the code, the reference or the text. A notice not acknowledged by Kafka stays pending on
 * its audit entry and is published again every minute until it is; the pending reference is removed then.
 */
@Service
public class Erasures {

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);
    private static final String PENDING = ErasureAudit.PENDING_REFS;

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    /** What an erasure touched, as audited. */
    public record Erasure(
            String erasureId, String kind, String cause, Instant at, long cases, long events, long texts) {}

    private final Views views;
    private final ClientPseudonyms pseudonyms;
    private final Texts texts;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;

    Erasures(Views views, ClientPseudonyms pseudonyms, Texts texts, KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.views = views;
        this.pseudonyms = pseudonyms;
        this.texts = texts;
        this.kafka = kafka;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void indexes() {
        try {
            views.bookkeeping(PseudonymTable.COLLECTION)
                    .createIndexes(List.of(
                            new IndexModel(Indexes.ascending(PseudonymTable.ORG_ID, PseudonymTable.REF)),
                            new IndexModel(Indexes.ascending(PseudonymTable.ORG_ID, PseudonymTable.LAST_SEEN_AT))));
            views.bookkeeping(TextKeys.COLLECTION).createIndex(Indexes.ascending(TextKeys.ORG_ID, TextKeys.CREATED_AT));
            views.bookkeeping(ErasureAudit.COLLECTION)
                    .createIndex(Indexes.descending(ErasureAudit.ORG_ID, ErasureAudit.AT));
        } catch (RuntimeException e) {
            log.warn("the key tables' indexes are not made yet ({}): made at the next start", e.toString());
        }
    }

    /** Erases a client by its code: nothing leads from the code to anything recorded before, from now on. */
    public Erasure client(String orgId, String clientCode, Caller caller) {
        var refs = pseudonyms.lookup(orgId, clientCode);
        long cases = 0;
        long events = 0;
        if (!refs.isEmpty()) {
            cases = views.collection(SupportCases.COLLECTION)
                    .countDocuments(and(
                            eq(SupportCases.ORG_ID, orgId),
                            in(FieldPath.of(SupportCases.OPENING, SupportCases.Opening.CLIENT_REF), refs)));
            events = views.collection(ActivityLog.COLLECTION)
                    .countDocuments(and(
                            eq(ActivityLog.ORG_ID, orgId),
                            or(
                                    in(FieldPath.of(ActivityLog.PAYLOAD, ActivityLog.CLIENT_REF), refs),
                                    in(
                                            FieldPath.of(
                                                    ActivityLog.PAYLOAD, ActivityLog.PAYLOAD, ActivityLog.CLIENT_REF),
                                            refs))));
        }
        // the audit entry holds the references until their notices are out, so that a failed publish is retried
        var erasure = audit(orgId, ErasureAudit.CLIENT, ClientErased.REQUEST, caller, cases, events, 0, refs);
        shred(orgId, refs);
        publish(orgId, erasure.erasureId(), refs, ClientErased.REQUEST);
        return erasure;
    }

    /** An event as the activity log has it: whose, when received, and its corrections' ids. */
    public record Logged(String peerId, Instant receivedAt, List<String> correctionIds) {}

    /** The event of the organisation as logged, or empty while the activity log has not got it (or never will). */
    public Optional<Logged> logged(String orgId, String eventId) {
        var entry = views.collection(ActivityLog.COLLECTION)
                .find(Views.byKey(ActivityLog.key(orgId, eventId)))
                .first();
        if (entry == null) {
            return Optional.empty();
        }
        var corrections = entry.get(ActivityLog.CORRECTIONS) instanceof Document listed
                ? List.copyOf(listed.keySet())
                : List.<String>of();
        var received = entry.get(ActivityLog.RECEIVED_AT) instanceof Date at ? at.toInstant() : null;
        return Optional.of(new Logged(entry.getString(ActivityLog.PEER_ID), received, corrections));
    }

    /** Erases the texts of an event and of its corrections (their data keys). */
    public Erasure text(String orgId, String eventId, Collection<String> correctionIds, Caller caller) {
        var ids = new ArrayList<String>();
        ids.add(eventId);
        ids.addAll(correctionIds);
        long erased = texts.erase(orgId, ids);
        return audit(orgId, ErasureAudit.TEXT, ClientErased.REQUEST, caller, 0, 0, erased, Set.of());
    }

    /** The organisation's erasures, newest first. */
    public List<Erasure> list(String orgId, int limit) {
        var found = new ArrayList<Erasure>();
        views.bookkeeping(ErasureAudit.COLLECTION)
                .find(eq(ErasureAudit.ORG_ID, orgId))
                .sort(Sorts.descending(ErasureAudit.AT))
                .limit(limit)
                .forEach(doc -> found.add(erasure(doc)));
        return found;
    }

    /** Retention: a client not seen since the horizon is erased as on request, with its own audit entry. */
    int clientsNotSeenSince(String orgId, Instant horizon) {
        var refs = pseudonyms.notSeenSince(orgId, horizon);
        if (refs.isEmpty()) {
            return 0;
        }
        var erasure = audit(orgId, ErasureAudit.CLIENT, ClientErased.RETENTION, null, 0, 0, 0, refs);
        shred(orgId, refs);
        publish(orgId, erasure.erasureId(), refs, ClientErased.RETENTION);
        return refs.size();
    }

    /** Retention of texts: their keys sealed before the horizon are destroyed, audited as one entry. */
    long textsSealedBefore(String orgId, Instant horizon) {
        long erased = texts.eraseSealedBefore(orgId, horizon);
        if (erased > 0) {
            audit(orgId, ErasureAudit.TEXT, ClientErased.RETENTION, null, 0, 0, erased, Set.of());
        }
        return erased;
    }

    /**
     * The tombstones first (the worker drops a reference with one from whatever it projects from now on, a rebuild
     * included), then the rows: from then on no code leads to the references.
     */
    private void shred(String orgId, Set<String> refs) {
        if (refs.isEmpty()) {
            return;
        }
        var now = Date.from(clock.instant());
        views.bookkeeping(ErasedClientRefs.COLLECTION)
                .bulkWrite(refs.stream()
                        .map(ref -> new UpdateOneModel<Document>(
                                Views.byKey(ErasedClientRefs.key(orgId, ref)),
                                Updates.combine(
                                        Updates.setOnInsert(ErasedClientRefs.ERASED_AT, now),
                                        Updates.setOnInsert(ErasedClientRefs.TOKEN, ClientPseudonyms.newRef())),
                                new UpdateOptions().upsert(true)))
                        .toList());
        pseudonyms.erase(orgId, refs);
    }

    /** Publishes again the notices that Kafka did not acknowledge. */
    @Scheduled(
            fixedDelayString = "${tracker.erasure.retry-every:60s}",
            initialDelayString = "${tracker.erasure.retry-every:60s}")
    void publishPending() {
        try {
            views.bookkeeping(ErasureAudit.COLLECTION)
                    .find(exists(PENDING))
                    .forEach(doc -> publish(
                            doc.getString(ErasureAudit.ORG_ID),
                            doc.getString(Views.KEY),
                            Set.copyOf(doc.getList(PENDING, String.class)),
                            doc.getString(ErasureAudit.CAUSE)));
        } catch (RuntimeException e) {
            log.warn("pending erasure notices not published yet: {}", e.toString());
        }
    }

    private void publish(String orgId, String erasureId, Set<String> refs, String cause) {
        if (refs.isEmpty()) {
            return;
        }
        try {
            var sends = refs.stream()
                    .map(ref -> kafka.send(new ProducerRecord<>(
                            Topics.ERASURES,
                            orgId,
                            EventCodec.mapper()
                                    .writeValueAsBytes(
                                            new ClientErased(UUID.randomUUID(), orgId, ref, cause, clock.instant())))))
                    .toList();
            for (var send : sends) {
                send.get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            views.bookkeeping(ErasureAudit.COLLECTION).updateOne(eq(Views.KEY, erasureId), Updates.unset(PENDING));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the pseudonym rows are gone already (no code leads to the client); the views follow when it is out
            log.warn(
                    "erasure {}: its notice is not acknowledged yet ({}); published again within a minute",
                    erasureId,
                    e.getClass().getSimpleName());
        }
    }

    private Erasure audit(
            String orgId,
            String kind,
            String cause,
            Caller caller,
            long cases,
            long events,
            long texts,
            Set<String> pending) {
        var erasure = new Erasure(UUID.randomUUID().toString(), kind, cause, clock.instant(), cases, events, texts);
        var entry = new Document(Views.KEY, erasure.erasureId())
                .append(ErasureAudit.ORG_ID, orgId)
                .append(ErasureAudit.KIND, kind)
                .append(ErasureAudit.CAUSE, cause)
                .append(ErasureAudit.AT, Date.from(erasure.at()))
                .append(ErasureAudit.CASES, cases)
                .append(ErasureAudit.EVENTS, events)
                .append(ErasureAudit.TEXTS, texts);
        if (caller != null) {
            entry.append(
                    ErasureAudit.BY,
                    new Document(ErasureAudit.ROLE, caller.role().token())
                            .append(ErasureAudit.SUBJECT, caller.subject())
                            .append(ErasureAudit.PEER_ID, caller.isPeer() ? caller.peerId() : null));
        }
        if (!pending.isEmpty()) {
            entry.append(PENDING, List.copyOf(pending));
        }
        views.bookkeeping(ErasureAudit.COLLECTION).insertOne(entry);
        return erasure;
    }

    private static Erasure erasure(Document doc) {
        return new Erasure(
                doc.getString(Views.KEY),
                doc.getString(ErasureAudit.KIND),
                doc.getString(ErasureAudit.CAUSE),
                doc.getDate(ErasureAudit.AT).toInstant(),
                Views.number(doc, ErasureAudit.CASES),
                Views.number(doc, ErasureAudit.EVENTS),
                Views.number(doc, ErasureAudit.TEXTS));
    }
}
