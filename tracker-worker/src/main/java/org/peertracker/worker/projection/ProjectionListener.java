package org.peertracker.worker.projection;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.worker.mongo.CorrectionLog;
import org.peertracker.worker.mongo.Effect;
import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.GuardedWriter;
import org.peertracker.worker.mongo.Positions;
import org.peertracker.worker.mongo.ViewWriteRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Feeds one projector: on assignment it seeks to the positions stored in MongoDB (or offset 0), and each
 * polled batch becomes one guarded bulk write of the views followed by the new positions. Corrections are kept by
 * their target, events are projected as their corrections make them, and a correction met after its target has the
 * target's documents recomputed ({@link Corrector}).
 */
public final class ProjectionListener implements BatchMessageListener<String, byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final Projector projector;
    private final ProjectionTarget target;
    private final GuardedWriter writer;
    private final Positions positions;
    private final EventClaims claims;
    private final Corrector corrector;
    private final ViewChangeNotifier changes;
    private final MongoOutage outage;

    /**
     * @param window  how long after an event its peer may correct it
     * @param changes where to tell dashboards what changed; null for a generation nobody reads yet (a rebuild)
     */
    public ProjectionListener(
            Projector projector,
            ProjectionTarget target,
            MongoDatabase database,
            GuardedWriter writer,
            Positions positions,
            EventClaims claims,
            CorrectionLog corrections,
            Duration window,
            ViewChangeNotifier changes,
            BooleanSupplier running) {
        this.projector = projector;
        this.target = target;
        this.claims = claims;
        this.changes = changes;
        this.writer = writer;
        this.positions = positions;
        this.corrector = new Corrector(projector, target, database, claims, corrections, window);
        this.outage = new MongoOutage(target.key(), running);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        var stored = outage.waitOut(() -> positions.of(target.key(), assignments.keySet()));
        assignments.keySet().forEach(tp -> {
            var next = stored.get(tp);
            if (next == null) {
                callback.seekToBeginning(tp.topic(), tp.partition());
            } else {
                callback.seek(tp.topic(), tp.partition(), next);
            }
        });
        log.info("{}: assigned {}, resuming from stored positions {}", target.key(), assignments.keySet(), stored);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        var arrivals = new ArrayList<Arrival>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                var arrival = Arrival.of(records.get(i));
                // a record that cannot be projected as sent is poison, whatever corrections may make of it
                projector.project(arrival.event());
                arrivals.add(arrival);
            } catch (RuntimeException e) {
                // the records before the poison one are applied, so that the error handler may commit them
                apply(arrivals);
                throw new BatchListenerFailedException(target.key() + " cannot project: " + e.getMessage(), e, i);
            }
        }
        apply(arrivals);
    }

    /**
     * Applies the records as one guarded bulk write. Should MongoDB refuse it for another reason than an outage
     * (a document the update cannot apply to), the records are applied one by one, which changes nothing for
     * those already applied, so that only the culprit goes to the dead letters.
     */
    private void apply(List<Arrival> arrivals) {
        if (arrivals.isEmpty()) {
            return;
        }
        try {
            write(arrivals);
        } catch (RuntimeException batchFailure) {
            if (MongoOutage.isOutage(batchFailure)) {
                throw batchFailure;
            }
            for (int i = 0; i < arrivals.size(); i++) {
                try {
                    write(arrivals.subList(i, i + 1));
                } catch (RuntimeException e) {
                    if (MongoOutage.isOutage(e)) {
                        throw e;
                    }
                    var arrival = arrivals.get(i);
                    var cause = e instanceof ViewWriteRefused refused
                            ? new RecordRefused(
                                    new EventClaims.Candidate(
                                            arrival.eventId(),
                                            arrival.source(),
                                            arrival.offset(),
                                            null,
                                            null,
                                            List.of()),
                                    refused)
                            : e;
                    throw new BatchListenerFailedException(target.key() + " cannot write: " + e.getMessage(), cause, i);
                }
            }
        }
    }

    private void write(List<Arrival> arrivals) {
        var changed = new LinkedHashMap<String, Set<String>>();
        outage.waitOut(() -> {
            changed.clear();
            var correcting = projector.appliesCorrections();
            var corrections =
                    correcting ? arrivals.stream().filter(Arrival::isCorrection).toList() : List.<Arrival>of();
            var events = correcting
                    ? arrivals.stream().filter(a -> !a.isCorrection()).toList()
                    : arrivals;
            // a correction is claimed like any event, so that its re-sends and re-deliveries are one
            var kept = admit(
                            corrections,
                            corrections.stream().map(c -> List.<ViewUpdate>of()).toList())
                    .keySet();
            kept.forEach(corrector::keep);
            var updates = correcting
                    ? corrector.project(events)
                    : events.stream().map(e -> projector.project(e.event())).toList();
            var admitted = admit(events, updates);
            var effects = new ArrayList<Effect>();
            for (int i = 0; i < events.size(); i++) {
                var admission = admitted.get(events.get(i));
                if (admission == null) {
                    continue;
                }
                var arrival = events.get(i);
                updates.get(i).forEach(u -> {
                    var effect = new Effect(
                            target.collection(u.collection()), u.id(), arrival.source(), arrival.offset(), u.update());
                    if (admission.covers(effect)) {
                        effects.add(effect);
                        changed.computeIfAbsent(u.collection(), v -> new LinkedHashSet<>())
                                .add(u.id());
                    }
                });
            }
            writer.apply(effects);
            var next = new HashMap<TopicPartition, Long>();
            arrivals.forEach(a -> next.merge(new TopicPartition(a.topic(), a.partition()), a.offset() + 1, Math::max));
            // a correction of an event written before: the event's documents are recomputed
            var targetsHere = new HashSet<String>();
            admitted.keySet().forEach(a -> targetsHere.add(a.eventId()));
            for (var correction : kept) {
                if (!targetsHere.contains(correction.target())) {
                    long upTo = next.get(new TopicPartition(correction.topic(), correction.partition())) - 1;
                    corrector.correct(correction, upTo, changed);
                }
            }
            positions.advance(target.key(), next);
            return null;
        });
        if (changes != null && !changed.isEmpty()) {
            changes.changed(changed);
        }
    }

    /** The arrivals that are the first record of their event, with what each may apply. */
    private Map<Arrival, EventClaims.Admission> admit(List<Arrival> arrivals, List<List<ViewUpdate>> updates) {
        var admitted = new LinkedHashMap<Arrival, EventClaims.Admission>();
        if (arrivals.isEmpty()) {
            return admitted;
        }
        var candidates = new ArrayList<EventClaims.Candidate>(arrivals.size());
        for (int i = 0; i < arrivals.size(); i++) {
            var a = arrivals.get(i);
            candidates.add(new EventClaims.Candidate(
                    a.eventId(), a.source(), a.offset(), a.json(), a.content(), corrector.documents(updates.get(i))));
        }
        var admissions = claims.admit(target.key(), candidates);
        for (int i = 0; i < arrivals.size(); i++) {
            var admission = admissions.get(candidates.get(i));
            if (admission != null) {
                admitted.put(arrivals.get(i), admission);
            }
        }
        return admitted;
    }
}
