package org.peertracker.worker.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.worker.ProjectionITSupport;

/** One holder at a time; a released lease is free at once, an expired one for anyone, a held one for nobody else. */
class LeasesIT extends ProjectionITSupport {

    @Test
    void givesALeaseToOneHolderAtATimeAndAgainTheMomentItIsReleased() {
        var at = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
        var leases = new Leases(database, at);
        var name = "test:" + UUID.randomUUID();

        var first = leases.acquire(name, "one", Duration.ofSeconds(30), new Document())
                .orElseThrow();
        assertThat(leases.acquire(name, "two", Duration.ofSeconds(30), new Document()))
                .as("held")
                .isEmpty();

        leases.release(first, new Document("done", true));
        var second = leases.acquire(name, "two", Duration.ofSeconds(30), new Document());
        assertThat(second).as("released in this very millisecond").isPresent();
        assertThat(leases.read(name).orElseThrow().holder()).isEqualTo("two");

        at.now = at.now.plusSeconds(31);
        assertThat(leases.renew(second.get(), new Document()))
                .as("expired, not yet taken")
                .isTrue();
        at.now = at.now.plusSeconds(31);
        assertThat(leases.acquire(name, "three", Duration.ofSeconds(30), new Document()))
                .as("expired")
                .isPresent();
        assertThat(leases.renew(second.get(), new Document())).as("taken over").isFalse();
    }

    static final class MutableClock extends Clock {

        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
