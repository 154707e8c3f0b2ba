package org.peertracker.worker.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.worker.mongo.Effect;
import org.peertracker.worker.mongo.ErasedClients;
import org.peertracker.worker.mongo.EventClaims;
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
 *
 * <p>A live listener is fenced: before each batch it reads which generation readers use ({@code view_generations}),
 * and when a rebuild anywhere has switched the family to a newer one, it writes nothing of the batch, moves to the new
 * generation, and seeks its partitions to that generation's positions, so every instance follows a switch without a
 * restart and nothing is written to a generation being dropped (but a batch begun before the switch: the old
 * generation is dropped after a grace period, docs/design.md "Rebuilds and generations").
 */
public final class ProjectionListener implements BatchMessageListener<String, byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final Projector projector;
    private final ProjectionStore store;
    private final ViewChangeNotifier changes;
    private final BooleanSupplier running;
    private final Supplier<ProjectionTarget> fence;
    private final ProjectionMeters meters;
    private final BatchTraces traces;
    private volatile ProjectionTarget target;
    private volatile Corrector corrector;
    private volatile MongoOutage outage;
    /** Per consumer thread of a concurrent container: its seek callback, its partitions, and for which generation. */
    private final ThreadLocal<ConsumerSeekCallback> seeks = new ThreadLocal<>();

    private final ThreadLocal<Set<TopicPartition>> assigned = ThreadLocal.withInitial(HashSet::new);
    private final ThreadLocal<Integer> positionedFor = new ThreadLocal<>();

    /**
     * @param store   where the views, positions, claims and corrections are kept
     * @param changes where to tell dashboards what changed; null for a generation nobody reads yet (a rebuild)
     * @param fence   the generation readers use now; null for a listener that writes one generation only (a rebuild)
     * @param traces  where each batch's span is opened, linked to its records' traces
     */
    public ProjectionListener(
            Projector projector,
            ProjectionTarget target,
            ProjectionStore store,
            ViewChangeNotifier changes,
            BooleanSupplier running,
            Supplier<ProjectionTarget> fence,
            ProjectionMeters meters,
            BatchTraces traces) {
        this.meters = meters;
        this.traces = traces;
        this.projector = projector.keepsClientRefs()
                ? new ErasingProjector(projector, new ErasedClients(store.database()))
                : projector;
        this.store = store;
        this.changes = changes;
        this.running = running;
        this.fence = fence;
        writeTo(target);
    }

    /** The generation this listener writes now. */
    public ProjectionTarget target() {
        return target;
    }

    private void writeTo(ProjectionTarget generation) {
        this.corrector = new Corrector(projector, generation, store);
        this.outage = new MongoOutage(generation.key(), running);
        this.target = generation;
    }

    @Override
    public void registerSeekCallback(ConsumerSeekCallback callback) {
        seeks.set(callback);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        assigned.get().addAll(assignments.keySet());
        seekToStored(assignments.keySet(), callback);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        assigned.get().removeAll(partitions);
    }

    /** Seeks to the positions the current generation stored (offset 0 where it has none). */
    private void seekToStored(Collection<TopicPartition> partitions, ConsumerSeekCallback callback) {
        var writing = target;
        var stored = outage.waitOut(() -> store.positions().of(writing.key(), partitions));
        partitions.forEach(tp -> {
            var next = stored.get(tp);
            if (next == null) {
                callback.seekToBeginning(tp.topic(), tp.partition());
            } else {
                callback.seek(tp.topic(), tp.partition(), next);
            }
        });
        positionedFor.set(writing.generation());
        log.info("{}: assigned {}, resuming from stored positions {}", writing.key(), partitions, stored);
    }

    /**
     * Whether this consumer's partitions are positioned for the generation readers use; when the family moved on, the
     * listener moves too and this consumer seeks to the new generation's positions instead of writing the batch.
     */
    private boolean onCurrentGeneration() {
        if (fence == null) {
            return true;
        }
        var current = outage.waitOut(fence::get);
        synchronized (this) {
            if (current.generation() > target.generation()) {
                log.info("{}: the family switched to generation {}; writing there", target.key(), current.generation());
                writeTo(current);
            }
        }
        var positioned = positionedFor.get();
        if (positioned == null || positioned == target.generation()) {
            return true;
        }
        seekToStored(Set.copyOf(assigned.get()), seeks.get());
        return false;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        if (!onCurrentGeneration()) {
            // read again from the new generation's positions: nothing of it is written to the old one
            return;
        }
        // the batch's log lines carry its span's trace id; the span links to the traces of the records' requests
        var span = traces.start(target, fence != null, records);
        try (var ignored = traces.tracer().withSpan(span)) {
            project(records);
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void project(List<ConsumerRecord<String, byte[]>> records) {
        var arrivals = new ArrayList<Arrival>(records.size());
        var decoded = decode(records);
        for (int i = 0; i < records.size(); i++) {
            try {
                var arrival = decoded.get(i) != null ? decoded.get(i) : Arrival.of(records.get(i));
                // a record that cannot be projected as sent is poison, whatever corrections may make of it
                projector.project(arrival.event());
                arrivals.add(arrival);
            } catch (RuntimeException e) {
                // the records before the poison one are applied, so that the error handler may commit them
                apply(arrivals);
                var record = records.get(i);
                log.warn(
                        "{}: cannot project {}-{}@{} (trace {}): {}",
                        target.key(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        traces.traceIdOf(record),
                        e.toString());
                throw new BatchListenerFailedException(target.key() + " cannot project: " + e.getMessage(), e, i);
            }
        }
        apply(arrivals);
    }

    /**
     * The records decoded (null for one that cannot be, met again as poison); for a family that keeps client
     * references, the erased ones among theirs looked up once for the batch.
     */
    private List<Arrival> decode(List<ConsumerRecord<String, byte[]>> records) {
        var decoded = new ArrayList<Arrival>(records.size());
        for (var record : records) {
            try {
                decoded.add(Arrival.of(record));
            } catch (RuntimeException e) {
                decoded.add(null);
            }
        }
        if (projector instanceof ErasingProjector erasing) {
            var events = decoded.stream()
                    .filter(Objects::nonNull)
                    .map(Arrival::event)
                    .toList();
            outage.waitOut(() -> {
                erasing.prepare(events);
                return null;
            });
        }
        return decoded;
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
                    log.warn(
                            "{}: cannot write {}-{}@{}: {}",
                            target.key(),
                            arrival.topic(),
                            arrival.partition(),
                            arrival.offset(),
                            e.toString());
                    throw new BatchListenerFailedException(target.key() + " cannot write: " + e.getMessage(), cause, i);
                }
            }
        }
    }

    private void write(List<Arrival> arrivals) {
        var changed = new LinkedHashMap<String, Set<String>>();
        outage.waitOut(() -> {
            long started = System.nanoTime();
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
            store.writer().apply(effects);
            var next = new HashMap<TopicPartition, Long>();
            arrivals.forEach(a -> next.merge(new TopicPartition(a.topic(), a.partition()), a.offset() + 1, Math::max));
            // a correction of an event written before: the event's documents are recomputed. An event claimed first in
            // this batch was projected with the corrections kept above; one delivered again (a worker stopped before
            // keeping its position) or taken over from a dead letter may have written its documents uncorrected before
            var targetsHere = new HashSet<String>();
            admitted.forEach((arrival, admission) -> {
                if (admission.first()) {
                    targetsHere.add(arrival.eventId());
                }
            });
            for (var correction : kept) {
                if (!targetsHere.contains(correction.target())) {
                    long upTo = next.get(new TopicPartition(correction.topic(), correction.partition())) - 1;
                    corrector.correct(correction, upTo, changed);
                }
            }
            store.positions().advance(target.key(), next);
            meters.batchWrites().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            meters.events().increment(admitted.size());
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
        var admissions = store.claims().admit(target.key(), candidates);
        for (int i = 0; i < arrivals.size(); i++) {
            var admission = admissions.get(candidates.get(i));
            if (admission != null) {
                admitted.put(arrivals.get(i), admission);
            }
        }
        return admitted;
    }
}
