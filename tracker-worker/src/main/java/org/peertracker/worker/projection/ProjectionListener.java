package org.peertracker.worker.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import org.peertracker.events.EventCodec;
import org.peertracker.views.Applied;
import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.Effect;
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
 * polled batch becomes one guarded bulk write of the views followed by the new positions.
 */
public final class ProjectionListener implements BatchMessageListener<String, byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final Projector projector;
    private final ProjectionTarget target;
    private final GuardedWriter writer;
    private final Positions positions;
    private final EventClaims claims;
    private final ViewChangeNotifier changes;
    private final MongoOutage outage;

    /** @param changes where to tell dashboards what changed; null for a generation nobody reads yet (a rebuild) */
    public ProjectionListener(Projector projector, ProjectionTarget target, GuardedWriter writer, Positions positions,
            EventClaims claims, ViewChangeNotifier changes, BooleanSupplier running) {
        this.projector = projector;
        this.target = target;
        this.claims = claims;
        this.changes = changes;
        this.writer = writer;
        this.positions = positions;
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
        var projected = new ArrayList<Projected>(records.size());
        for (int i = 0; i < records.size(); i++) {
            var record = records.get(i);
            try {
                var event = EventCodec.read(record.value());
                projected.add(new Projected(new EventClaims.Candidate(event.orgId() + "|" + event.eventId(),
                        Applied.source(record.topic(), record.partition()), record.offset()), projector.project(event)));
            } catch (RuntimeException e) {
                // the records before the poison one are applied, so that the error handler may commit them
                apply(records.subList(0, i), projected);
                throw new BatchListenerFailedException(target.key() + " cannot project: " + e.getMessage(), e, i);
            }
        }
        apply(records, projected);
    }

    /** A record's claim on its event, and the view updates the event makes. */
    private record Projected(EventClaims.Candidate candidate, List<ViewUpdate> updates) {
    }

    /**
     * Applies the records as one guarded bulk write. Should MongoDB refuse it for another reason than an outage
     * (a document the update cannot apply to), the records are applied one by one, which changes nothing for
     * those already applied, so that only the culprit goes to the dead letters.
     */
    private void apply(List<ConsumerRecord<String, byte[]>> records, List<Projected> projected) {
        if (records.isEmpty()) {
            return;
        }
        try {
            write(records, projected);
        } catch (RuntimeException batchFailure) {
            if (MongoOutage.isOutage(batchFailure)) {
                throw batchFailure;
            }
            for (int i = 0; i < records.size(); i++) {
                try {
                    write(records.subList(i, i + 1), projected.subList(i, i + 1));
                } catch (RuntimeException e) {
                    if (MongoOutage.isOutage(e)) {
                        throw e;
                    }
                    var cause = e instanceof ViewWriteRefused refused
                            ? new RecordRefused(projected.get(i).candidate(), refused) : e;
                    throw new BatchListenerFailedException(target.key() + " cannot write: " + e.getMessage(), cause, i);
                }
            }
        }
    }

    private void write(List<ConsumerRecord<String, byte[]>> records, List<Projected> projected) {
        var changed = new LinkedHashMap<String, Set<String>>();
        outage.waitOut(() -> {
            changed.clear();
            var admitted = claims.admit(target.key(), projected.stream().map(Projected::candidate).toList());
            var effects = new ArrayList<Effect>();
            var next = new HashMap<TopicPartition, Long>();
            for (int i = 0; i < records.size(); i++) {
                var record = records.get(i);
                var candidate = projected.get(i).candidate();
                var admission = admitted.get(candidate);
                if (admission != null) {
                    projected.get(i).updates().forEach(u -> {
                        var effect = new Effect(target.collection(u.collection()), u.id(), candidate.source(),
                                candidate.offset(), u.update());
                        if (admission.covers(effect)) {
                            effects.add(effect);
                            changed.computeIfAbsent(u.collection(), v -> new LinkedHashSet<>()).add(u.id());
                        }
                    });
                }
                next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            writer.apply(effects);
            positions.advance(target.key(), next);
            return null;
        });
        if (changes != null && !changed.isEmpty()) {
            changes.changed(changed);
        }
    }
}
