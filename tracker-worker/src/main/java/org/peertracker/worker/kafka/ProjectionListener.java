package org.peertracker.worker.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.Effect;
import org.peertracker.worker.mongo.GuardedWriter;
import org.peertracker.worker.mongo.Positions;
import org.peertracker.worker.projection.Projector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Feeds one projector: on assignment it seeks to the positions stored in MongoDB (or offset 0), and each
 * polled batch becomes one guarded bulk write of the views followed by the new positions.
 */
final class ProjectionListener implements BatchMessageListener<String, byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final Projector projector;
    private final GuardedWriter writer;
    private final Positions positions;
    private final EventClaims claims;
    private final MongoOutage outage;

    ProjectionListener(Projector projector, GuardedWriter writer, Positions positions, EventClaims claims,
            BooleanSupplier running) {
        this.projector = projector;
        this.claims = claims;
        this.writer = writer;
        this.positions = positions;
        this.outage = new MongoOutage(projector.name(), running);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        var stored = outage.waitOut(() -> positions.of(projector.name(), assignments.keySet()));
        assignments.keySet().forEach(tp -> {
            var next = stored.get(tp);
            if (next == null) {
                callback.seekToBeginning(tp.topic(), tp.partition());
            } else {
                callback.seek(tp.topic(), tp.partition(), next);
            }
        });
        log.info("{}: assigned {}, resuming from stored positions {}", projector.name(), assignments.keySet(), stored);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        var events = new ArrayList<Event>();
        for (int i = 0; i < records.size(); i++) {
            try {
                events.add(EventCodec.read(records.get(i).value()));
            } catch (RuntimeException e) {
                // the records before the poison one are applied, so that the error handler may commit them
                apply(records.subList(0, i), events);
                throw new BatchListenerFailedException(projector.name() + " cannot read: " + e.getMessage(), e, i);
            }
        }
        apply(records, events);
    }

    private void apply(List<ConsumerRecord<String, byte[]>> records, List<Event> events) {
        var candidates = new ArrayList<EventClaims.Candidate>(records.size());
        for (int i = 0; i < records.size(); i++) {
            var record = records.get(i);
            candidates.add(new EventClaims.Candidate(events.get(i).eventId().toString(),
                    Effect.source(record.topic(), record.partition()), record.offset()));
        }
        outage.waitOut(() -> {
            var admitted = claims.admit(projector.name(), candidates);
            var effects = new ArrayList<Effect>();
            var next = new HashMap<TopicPartition, Long>();
            for (int i = 0; i < records.size(); i++) {
                var record = records.get(i);
                var candidate = candidates.get(i);
                if (admitted.contains(candidate)) {
                    projector.project(events.get(i)).forEach(u -> effects.add(
                            new Effect(u.collection(), u.id(), candidate.source(), candidate.offset(), u.update())));
                }
                next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            writer.apply(effects);
            positions.advance(projector.name(), next);
            return null;
        });
    }
}
