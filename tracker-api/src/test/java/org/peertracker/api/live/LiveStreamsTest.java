package org.peertracker.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peertracker.api.security.Caller;
import org.peertracker.api.system.RequestProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;

/** The registry of streams, with test doubles for the responses: who gets what, and who waits for whom. */
// a send on the test's thread would block on a stalled double: interrupted, that fails a test rather than hangs it
@Timeout(10)
class LiveStreamsTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseStalledSenders() {
        release.countDown();
    }

    @Test
    void deliversToEveryOtherStreamWhileOneClientStallsAndNeverHoldsUpTheListenerOrTheHeartbeat() {
        var streams = streams(100, 100, 100);
        var stalled = new Recorder(release);
        var other = new Recorder(null);
        streams.open(coordinator("mainline", "a"), stalled);
        streams.open(coordinator("mainline", "b"), other);

        // the test's thread stands in for the Kafka listener's and the scheduler's: a wait here would be theirs
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 10; i++) {
                streams.on(change("mainline", "outreach_daily", "mainline|2026-11-27|oost-" + i));
            }
            streams.heartbeat();
        });

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(stalled.stalled).isTrue();
            assertThat(other.events())
                    .anySatisfy(e -> assertThat(e).contains("oost-9"))
                    .anySatisfy(e -> assertThat(e).contains("heartbeat"));
        });
        assertThat(stalled.events()).isEmpty();
    }

    @Test
    void endsAStreamWhoseClientFellTooFarBehindAndCompletesItsResponseOnceTheWriteReturns() {
        var streams = streams(100, 100, 2);
        var stalled = new Recorder(release);
        var stream = streams.open(coordinator("mainline", "a"), stalled);
        streams.on(change("mainline", "outreach_daily", "mainline|taken"));
        await().atMost(Duration.ofSeconds(1)).until(() -> stalled.stalled);

        for (int i = 0; i < 3; i++) {
            streams.on(change("mainline", "outreach_daily", "mainline|" + i));
        }

        assertThat(stream.ended()).isTrue();
        assertThat(streams.count()).isZero();
        release.countDown();
        await().atMost(Duration.ofSeconds(1)).until(() -> stalled.completed);
    }

    @Test
    void passesANotificationToTheStreamsOfItsOrganisationOnlyAndAnAnalystNoIds() {
        var streams = streams(100, 100, 100);
        var own = new Recorder(null);
        var analyst = new Recorder(null);
        var another = new Recorder(null);
        streams.open(coordinator("mainline", "a"), own);
        streams.open(new Caller("mainline", Caller.Role.ANALYST, null, "b", NOW.plusSeconds(3600), false), analyst);
        streams.open(coordinator("elsewhere", "c"), another);

        streams.on(change("elsewhere", "support_cases", "elsewhere|case-9"));
        streams.on(change("mainline", "support_cases", "mainline|case-17"));

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(own.events()).anySatisfy(e -> assertThat(e).contains("mainline|case-17"));
            assertThat(analyst.events()).anySatisfy(e -> assertThat(e).contains("support_cases"));
            assertThat(another.events()).anySatisfy(e -> assertThat(e).contains("elsewhere|case-9"));
        });
        assertThat(own.events()).noneMatch(e -> e.contains("elsewhere"));
        assertThat(analyst.events()).noneMatch(e -> e.contains("case-"));
        assertThat(another.events()).noneMatch(e -> e.contains("mainline"));
    }

    @Test
    void refusesAStreamOverTheCapOfItsSubjectOrOfItsOrganisationUntilOneEnds() {
        var streams = streams(3, 2, 100);
        var first = streams.open(coordinator("mainline", "a"), new Recorder(null));
        streams.open(coordinator("mainline", "a"), new Recorder(null));

        var perSubject = catchThrowableOfType(
                RequestProblem.class, () -> streams.open(coordinator("mainline", "a"), new Recorder(null)));
        streams.open(coordinator("mainline", "b"), new Recorder(null));
        var perOrg = catchThrowableOfType(
                RequestProblem.class, () -> streams.open(coordinator("mainline", "c"), new Recorder(null)));
        streams.open(coordinator("elsewhere", "a"), new Recorder(null));
        first.end();

        assertThat(perSubject.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(perSubject.rule()).isEqualTo("max-streams-per-subject");
        assertThat(perSubject.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(perOrg.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(perOrg.rule()).isEqualTo("max-streams-per-org");
        assertThat(streams.open(coordinator("mainline", "c"), new Recorder(null))
                        .ended())
                .isFalse();
    }

    @Test
    void endsAStreamWhenItsTokenExpiresAndAfterThirtyMinutesAtTheLatest() {
        var streams = streams(100, 100, 100);

        assertThat(streams.lifetime(expiringIn(Duration.ofSeconds(90)))).isEqualTo(Duration.ofSeconds(90));
        assertThat(streams.lifetime(expiringIn(Duration.ofHours(8)))).isEqualTo(Duration.ofMinutes(30));
        assertThat(streams.lifetime(expiringIn(Duration.ofSeconds(-5)))).isEqualTo(Duration.ofMillis(1));
    }

    private static LiveStreams streams(int perOrg, int perSubject, int queue) {
        return new LiveStreams(
                new LiveProperties(perOrg, perSubject, queue, Duration.ofSeconds(30)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Caller coordinator(String org, String subject) {
        return new Caller(org, Caller.Role.COORDINATOR, null, subject, NOW.plusSeconds(3600), false);
    }

    private static Caller expiringIn(Duration left) {
        return new Caller("mainline", Caller.Role.COORDINATOR, null, "a", NOW.plus(left), false);
    }

    private static String change(String org, String view, String id) {
        return "{\"view\":\"" + view + "\",\"ids\":[\"" + id + "\"],\"orgId\":\"" + org + "\"}";
    }

    /**
     * A response that records what it is sent; with a latch, every write after {@code ready} blocks until the latch
     * opens, as to a client that stopped reading.
     */
    static final class Recorder implements LiveStream.Sink {

        private final CountDownLatch stall;
        private final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean stalled;
        volatile boolean completed;

        Recorder(CountDownLatch stall) {
            this.stall = stall;
        }

        @Override
        public void send(Set<DataWithMediaType> event) {
            var text = event.stream().map(d -> String.valueOf(d.getData())).collect(Collectors.joining());
            if (stall != null && !text.contains("event:ready")) {
                stalled = true;
                try {
                    stall.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            events.add(text);
        }

        @Override
        public void complete() {
            completed = true;
        }

        List<String> events() {
            return events.stream().filter(e -> !e.contains("event:ready")).toList();
        }
    }
}
