package org.peertracker.worker.rebuild;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.worker.kafka.ProjectionContainers;
import org.peertracker.worker.mongo.Leases;
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
 * Rebuilds a view family from offset 0 into its next generation while the live views keep serving reads, one rebuild
 * of a family at a time across every worker instance (a lease in MongoDB). When the new generation has caught up,
 * readers are switched over; the live listeners of every instance notice the switch before their next batch and
 * carry on in the new generation from where the rebuild stood (their fence); after a grace period the old generation
 * is dropped. Progress is kept with the lease, so any instance can report it.
 */
@Service
public class Rebuilds implements DisposableBean {

    static final String LEASE = "rebuild:";
    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final ProjectionContainers containers;
    private final ViewGenerations generations;
    private final Positions positions;
    private final ViewIndexes indexes;
    private final Leases leases;
    private final RebuildProperties properties;
    private final Admin admin;
    /** This instance, as named in the leases it holds. */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    Rebuilds(
            ProjectionContainers containers,
            ViewGenerations generations,
            Positions positions,
            ViewIndexes indexes,
            Leases leases,
            RebuildProperties properties,
            KafkaAdmin kafkaAdmin) {
        this.containers = containers;
        this.generations = generations;
        this.positions = positions;
        this.indexes = indexes;
        this.leases = leases;
        this.properties = properties;
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    /** A rebuild of the family runs already, on this instance or another. */
    public static final class RebuildRunning extends RuntimeException {

        private final transient RebuildProgress running;

        RebuildRunning(RebuildProgress running) {
            super("a rebuild of " + running.family() + " runs already (generation " + running.generation() + ", on "
                    + running.instance() + ")");
            this.running = running;
        }

        public RebuildProgress running() {
            return running;
        }
    }

    /** The last rebuild of every family that had one, as its instance last reported it, whichever instance that was. */
    public Map<String, RebuildProgress> progress() {
        var progress = new TreeMap<String, RebuildProgress>();
        for (var state : leases.all(LEASE)) {
            var reported = RebuildProgress.of(state.details());
            // a rebuild that reports it runs but no longer holds its lease lost its instance
            progress.put(
                    reported.family(),
                    !state.held() && reported.isActive() ? reported.abandoned(Instant.now()) : reported);
        }
        return progress;
    }

    /** Starts rebuilding a family in the background; refused while a rebuild of the family runs anywhere. */
    public RebuildProgress start(String family) {
        var projector = containers.projector(family);
        var live = generations.current(family);
        var next = live.next();
        var started = RebuildProgress.started(family, next.generation(), instance, Instant.now());
        var lease = leases.acquire(LEASE + family, instance, properties.leaseTtl(), started.toDocument())
                .orElseThrow(() -> new RebuildRunning(progress().get(family)));
        Thread.ofVirtual().name("rebuild-" + family).start(() -> {
            var rebuild = new Rebuild(lease, started);
            try {
                rebuild.run(live, next, projector.topics(), projector.views());
            } catch (Exception e) {
                log.error("rebuild of {} failed; the live views are untouched", family, e);
                leases.release(
                        lease,
                        rebuild.last
                                .failed(Instant.now(), e.getClass().getSimpleName() + ": " + e.getMessage())
                                .toDocument());
            }
        });
        return started;
    }

    /** One rebuild, reporting through its lease. */
    private final class Rebuild {

        private final Leases.Lease lease;
        private volatile RebuildProgress last;

        Rebuild(Leases.Lease lease, RebuildProgress started) {
            this.lease = lease;
            this.last = started;
        }

        void run(ProjectionTarget live, ProjectionTarget next, List<String> topics, List<String> views)
                throws Exception {
            var family = live.family();
            // what a rebuild that failed or lost its instance left of this generation
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
                awaitCaughtUp(next, begin, end, total, RebuildProgress.RUNNING);
                // what arrived meanwhile: the live listeners take over from where this stands once switched
                awaitCaughtUp(next, begin, offsets(topics, OffsetSpec.latest()), total, RebuildProgress.SWITCHING);
                generations.switchTo(next, views);
            } finally {
                container.stop();
            }
            var switchedAt = Instant.now();
            last = last.switched(switchedAt);
            while (Instant.now().isBefore(switchedAt.plus(properties.dropGrace()))) {
                report(last);
                Thread.sleep(TICK);
            }
            generations.drop(live, views);
            last = last.done(total, Instant.now());
            leases.release(lease, last.toDocument());
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
                report(last.at(status, done, total, Instant.now()));
                log.info(
                        "rebuild of {}: {}/{} events, {} events/s, eta {} s",
                        target.family(),
                        done,
                        total,
                        Math.round(last.eventsPerSecond()),
                        last.etaSeconds());
                if (caughtUp) {
                    return;
                }
                Thread.sleep(TICK);
            }
        }

        /** Renews the lease with the progress; a rebuild that lost its lease stops, leaving the live views as they are. */
        private void report(RebuildProgress progress) {
            last = progress;
            if (!leases.renew(lease, progress.toDocument())) {
                throw new IllegalStateException("the rebuild's lease expired and was taken over");
            }
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
