package org.peertracker.worker.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.worker.kafka.ProjectionContainers;
import org.peertracker.worker.mongo.Positions;
import org.peertracker.worker.projection.ProjectionTarget;
import org.peertracker.worker.projection.ViewGenerations;
import org.peertracker.worker.projection.ViewIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Service;

/**
 * Rebuilds a view family from offset 0 into its next generation while the live views keep serving reads. When
 * the new generation has caught up, the live container stops, the new one drains what arrived meanwhile, readers
 * are switched over, the live container resumes on the new generation, and the old generation is dropped.
 */
@Service
public class Rebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final ProjectionContainers containers;
    private final ViewGenerations generations;
    private final Positions positions;
    private final ViewIndexes indexes;
    private final Admin admin;
    private final Map<String, RebuildProgress> progress = new ConcurrentHashMap<>();

    Rebuilds(
            ProjectionContainers containers,
            ViewGenerations generations,
            Positions positions,
            ViewIndexes indexes,
            KafkaAdmin kafkaAdmin) {
        this.containers = containers;
        this.generations = generations;
        this.positions = positions;
        this.indexes = indexes;
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    public Map<String, RebuildProgress> progress() {
        return Map.copyOf(progress);
    }

    /** Starts rebuilding a family in the background; refused while one of the same family runs. */
    public synchronized RebuildProgress start(String family) {
        var projector = containers.projector(family);
        var running = progress.get(family);
        if (running != null
                && (running.status().equals("running") || running.status().equals("switching"))) {
            throw new IllegalStateException("a rebuild of " + family + " is already running");
        }
        var live = generations.current(family);
        var next = live.next();
        var started = new RebuildProgress(family, next.generation(), "running", 0, 0, 0, 0, Instant.now(), null, null);
        progress.put(family, started);
        Thread.ofVirtual().name("rebuild-" + family).start(() -> {
            try {
                run(live, next, projector.topics(), projector.views(), started.startedAt());
            } catch (Exception e) {
                log.error("rebuild of {} failed; the live views are untouched", family, e);
                progress.computeIfPresent(
                        family,
                        (f, p) -> new RebuildProgress(
                                f,
                                p.generation(),
                                "failed",
                                p.eventsDone(),
                                p.eventsTotal(),
                                p.eventsPerSecond(),
                                0,
                                p.startedAt(),
                                Instant.now(),
                                e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        });
        return started;
    }

    private void run(
            ProjectionTarget live, ProjectionTarget next, List<String> topics, List<String> views, Instant startedAt)
            throws Exception {
        var family = live.family();
        generations.drop(next, views);
        // before the first write: reads of the new generation must not scan once it serves them
        indexes.ensure(containers.projector(family), next);
        var begin = offsets(topics, OffsetSpec.earliest());
        var end = offsets(topics, OffsetSpec.latest());
        long total = end.entrySet().stream()
                .mapToLong(e -> e.getValue() - begin.get(e.getKey()))
                .sum();
        log.info("rebuild of {} into generation {}: {} events to project", family, next.generation(), total);
        var container = containers.container(
                containers.projector(family),
                next,
                containers.groupOf(family) + ".rebuild-" + next.generation(),
                false);
        container.start();
        try {
            awaitCaughtUp(next, begin, end, total, startedAt, "running");
            containers.stopLive(family);
            awaitCaughtUp(next, begin, offsets(topics, OffsetSpec.latest()), total, startedAt, "switching");
            container.stop();
            generations.switchTo(next, views);
        } finally {
            // switched or failed, the family's live container runs again: on the new generation if switched
            container.stop();
            containers.startLive(family);
        }
        generations.drop(live, views);
        var done = progress.get(family);
        progress.put(
                family,
                new RebuildProgress(
                        family,
                        next.generation(),
                        "done",
                        done.eventsDone(),
                        total,
                        done.eventsPerSecond(),
                        0,
                        startedAt,
                        Instant.now(),
                        null));
        log.info(
                "rebuild of {} done: generation {} serves reads, generation {} dropped",
                family,
                next.generation(),
                live.generation());
    }

    private void awaitCaughtUp(
            ProjectionTarget target,
            Map<TopicPartition, Long> begin,
            Map<TopicPartition, Long> end,
            long total,
            Instant startedAt,
            String status)
            throws InterruptedException {
        while (true) {
            var stored = positions.of(target.key(), end.keySet());
            long done = 0;
            boolean caughtUp = true;
            for (var partition : end.entrySet()) {
                long from = begin.getOrDefault(partition.getKey(), 0L);
                long at = stored.getOrDefault(partition.getKey(), from);
                done += Math.min(at, partition.getValue()) - from;
                caughtUp &= at >= partition.getValue();
            }
            double seconds =
                    Math.max(0.001, Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
            double rate = done / seconds;
            long eta = rate > 0 ? (long) ((total - Math.min(done, total)) / rate) : -1;
            progress.put(
                    target.family(),
                    new RebuildProgress(
                            target.family(),
                            target.generation(),
                            status,
                            done,
                            total,
                            Math.round(rate * 10) / 10.0,
                            eta,
                            startedAt,
                            null,
                            null));
            log.info(
                    "rebuild of {}: {}/{} events, {} events/s, eta {} s",
                    target.family(),
                    done,
                    total,
                    Math.round(rate),
                    eta);
            if (caughtUp) {
                return;
            }
            Thread.sleep(TICK);
        }
    }

    private Map<TopicPartition, Long> offsets(List<String> topics, OffsetSpec spec) throws Exception {
        var partitions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        var request = new HashMap<TopicPartition, OffsetSpec>();
        partitions.forEach((topic, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec)));
        var result = new HashMap<TopicPartition, Long>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
