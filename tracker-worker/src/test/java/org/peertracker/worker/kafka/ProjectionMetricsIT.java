package org.peertracker.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.Event;
import org.peertracker.events.Topics;
import org.peertracker.worker.ProjectionITSupport;
import org.peertracker.worker.projection.ProjectionMeters;
import org.peertracker.worker.projection.ProjectionTarget;
import org.peertracker.worker.projection.ViewGenerations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

/** The worker's own meters: how far each family is behind its topics, what it applied and how fast, and what it dead-lettered. */
class ProjectionMetricsIT extends ProjectionITSupport {

    static final String FAMILY = "campaign";

    @Autowired
    MeterRegistry registry;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void measuresAFamilysLagFromItsStoredPositionsAndSeesItFallToZeroOnceApplied() {
        var org = newOrg();
        var events = new ArrayList<Event>();
        for (int i = 0; i < 12; i++) {
            events.add(event(
                    org,
                    "peer-1",
                    Instant.now(),
                    new CampaignLaunched("camp-" + i, "Safe spaces", "Open a room", LocalDate.of(2026, 12, 1), null)));
        }
        double applied = registry.get(ProjectionMeters.EVENTS)
                .tag("family", FAMILY)
                .tag("kind", "live")
                .counter()
                .count();
        long batches = registry.get(ProjectionMeters.BATCH_WRITES)
                .tag("family", FAMILY)
                .tag("kind", "live")
                .timer()
                .count();
        publish(events);

        // the live projection catches up: every event applied, none of the family's topics past its positions
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(registry.get(ProjectionMeters.EVENTS)
                            .tag("family", FAMILY)
                            .tag("kind", "live")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(applied + events.size());
            assertThat(registry.get(ProjectionMeters.BATCH_WRITES)
                            .tag("family", FAMILY)
                            .tag("kind", "live")
                            .timer()
                            .count())
                    .isGreaterThan(batches);
            assertThat(lag()).isZero();
        });

        // measured against a generation that has no positions yet, every record of its topics is behind
        var unwritten = new ViewGenerations(database) {
            @Override
            public ProjectionTarget current(String family) {
                return new ProjectionTarget(family, 999);
            }
        };
        var lagOfNothing = new SimpleMeterRegistry();
        var measure = new ProjectionLag(lagOfNothing, kafkaAdmin, positions, unwritten);
        try {
            assertThat(lagOfNothing
                            .get(ProjectionLag.METER)
                            .tag("family", FAMILY)
                            .gauge()
                            .value())
                    .isGreaterThanOrEqualTo(events.size());
        } finally {
            measure.destroy();
        }
    }

    @Test
    void reportsARebuildAsRunningWhileItRunsAndAllItsEventsProjectedOnceDone() {
        var org = newOrg();
        publish(event(
                org,
                "peer-1",
                Instant.now(),
                new CampaignLaunched("camp-r", "Safe spaces", "Open a room", LocalDate.of(2026, 12, 1), null)));
        awaitCaughtUp(FAMILY);

        int generation = rebuilds.start(FAMILY).generation();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> rebuildGauge(RUNNING) == 1);
        assertThat(rebuildGauge(PROGRESS)).isBetween(0.0, 1.0);
        await().atMost(PATIENCE).until(() -> {
            var progress = rebuilds.progress().get(FAMILY);
            return progress.generation() == generation && progress.status().equals("done");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(rebuildGauge(RUNNING)).isZero();
            assertThat(rebuildGauge(PROGRESS)).isEqualTo(1.0);
        });
    }

    @Test
    void countsTheRecordsItDeadLettersByFamilyAndTopic() {
        double before = deadLetters();
        var key = "camp-" + UUID.randomUUID().toString().substring(0, 8);

        publishRaw(Topics.CAMPAIGN, key, "not an event".getBytes(StandardCharsets.UTF_8));

        await().atMost(PATIENCE).until(() -> deadLetters() >= before + 1);
    }

    static final String PROGRESS = "tracker.rebuild.progress";
    static final String RUNNING = "tracker.rebuild.running";

    private double rebuildGauge(String name) {
        return registry.get(name).tag("family", FAMILY).gauge().value();
    }

    private double lag() {
        return registry.get(ProjectionLag.METER).tag("family", FAMILY).gauge().value();
    }

    private double deadLetters() {
        var counter = registry.find(DeadLetters.DEAD_LETTERS)
                .tag("family", FAMILY)
                .tag("topic", Topics.CAMPAIGN)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
