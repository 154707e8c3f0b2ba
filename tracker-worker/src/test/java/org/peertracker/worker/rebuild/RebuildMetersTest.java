package org.peertracker.worker.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildMetersTest {

    final Map<String, RebuildProgress> leases = new HashMap<>();
    boolean mongoAway;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    RebuildMetersTest() {
        new RebuildMeters(
                registry,
                () -> {
                    if (mongoAway) {
                        throw new MongoTimeoutException("no server");
                    }
                    return Map.copyOf(leases);
                },
                Duration.ZERO);
    }

    @Test
    void reportsTheShareOfItsEventsARunningRebuildProjected() {
        leases.put("outreach", progress(RebuildProgress.RUNNING, 30, 120));

        assertThat(progress("outreach")).isEqualTo(0.25);
        assertThat(running("outreach")).isEqualTo(1);
        // the other families: never rebuilt, nothing to catch up
        assertThat(progress("support")).isEqualTo(1);
        assertThat(running("support")).isZero();
    }

    @Test
    void readsNoneDoneBeforeTheEventsAreCountedAndAllOnceSwitched() {
        leases.put("outreach", progress(RebuildProgress.RUNNING, 0, 0));
        assertThat(progress("outreach")).isZero();

        // events that arrived during the rebuild are counted done, but never beyond all of them
        leases.put("outreach", progress(RebuildProgress.RUNNING, 130, 120));
        assertThat(progress("outreach")).isEqualTo(1);

        leases.put("outreach", progress(RebuildProgress.SWITCHING, 130, 120));
        assertThat(progress("outreach")).isEqualTo(1);
        assertThat(running("outreach")).isEqualTo(1);

        leases.put("outreach", progress(RebuildProgress.DONE, 130, 120));
        assertThat(progress("outreach")).isEqualTo(1);
        assertThat(running("outreach")).isZero();
    }

    @Test
    void keepsAFailedOrAbandonedRebuildAtTheShareItReachedNoLongerRunning() {
        leases.put("campaign", progress(RebuildProgress.FAILED, 50, 200));
        leases.put("activity", progress(RebuildProgress.ABANDONED, 150, 200));

        assertThat(progress("campaign")).isEqualTo(0.25);
        assertThat(running("campaign")).isZero();
        assertThat(progress("activity")).isEqualTo(0.75);
        assertThat(running("activity")).isZero();
    }

    @Test
    void readsNaNWhileTheLeasesCannotBeRead() {
        mongoAway = true;

        assertThat(progress("outreach")).isNaN();
        assertThat(running("outreach")).isNaN();
    }

    private double progress(String family) {
        return registry.get(RebuildMeters.PROGRESS)
                .tag("family", family)
                .gauge()
                .value();
    }

    private double running(String family) {
        return registry.get(RebuildMeters.RUNNING).tag("family", family).gauge().value();
    }

    private static RebuildProgress progress(String status, long done, long total) {
        return new RebuildProgress(
                "outreach", 2, status, done, total, 10, 1, Instant.now(), null, null, null, "worker-1");
    }
}
