package org.peertracker.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
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
import org.springframework.beans.factory.annotation.Autowired;

/** The worker's own meters: how far each family is behind its topics, what it applied and how fast, and what it dead-lettered. */
class ProjectionMetricsIT extends ProjectionITSupport {

    static final String FAMILY = "campaign";

    @Autowired
    MeterRegistry registry;

    @Test
    void measuresAFamilysLagFromItsStoredPositionsAndSeesItFallToZeroOnceApplied() {
        await().atMost(PATIENCE).until(() -> lag() == 0);
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
        projections.stopLive(FAMILY);
        try {
            publish(events);
            await().atMost(PATIENCE).until(() -> lag() >= events.size());
        } finally {
            projections.startLive(FAMILY);
        }
        await().atMost(PATIENCE).until(() -> lag() == 0);
        // a restarted container registers the same meters again: one series per family and kind
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
    }

    @Test
    void countsTheRecordsItDeadLettersByFamilyAndTopic() {
        double before = deadLetters();
        var key = "camp-" + UUID.randomUUID().toString().substring(0, 8);

        publishRaw(Topics.CAMPAIGN, key, "not an event".getBytes(StandardCharsets.UTF_8));

        await().atMost(PATIENCE).until(() -> deadLetters() == before + 1);
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
