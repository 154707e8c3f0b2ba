package org.peertracker.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peertracker.api.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.api.TrackerApiApplication;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventVoided;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The feed over real HTTP and a real Kafka: a reader polling from the start while events arrive (some synced late,
 * with an old occurredAt, a correction among them) sees each exactly once in the order its partition received them,
 * and carries on from its cursor through another API instance; who may read it.
 */
class FeedIT extends ApiITSupport {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String ORG = "feed-" + SUFFIX;
    static final String OTHER = "feedx-" + SUFFIX;
    static final TestTokens TOKENS = TestTokens.shared();
    /** Also given to the second API instance, so that it reads the same database. */
    static final Map<String, String> PROPERTIES = infrastructure("feed_it");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PROPERTIES.forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void givesAPollingReaderEveryEventOnceInTheOrderItsPartitionReceivedItAndCarriesOnFromItsCursorAnywhere()
            throws Exception {
        var org = ORG + "-a";
        var seen = Collections.synchronizedList(new ArrayList<JsonNode>());
        var cursor = new AtomicReference<String>();
        var stop = new AtomicBoolean();
        var reader = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                var page = feed(port, TOKENS.token(org, "integration", null), org, cursor.get(), 7, 1);
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                page.json().path("events").forEach(seen::add);
                cursor.set(page.json().path("next").asString());
            }
        });

        var sent = new ArrayList<Event>();
        for (int batch = 0; batch < 6; batch++) {
            var events = new ArrayList<Event>();
            for (int i = 0; i < 5; i++) {
                // every third synced late from an offline phone: occurred weeks before events received earlier
                var occurredAt = (batch * 5 + i) % 3 == 0
                        ? Instant.now().minus(20 + batch, ChronoUnit.DAYS)
                        : Instant.now().minusSeconds(60);
                events.add(contact(org, "s-" + i, occurredAt));
            }
            if (batch == 3) {
                var target = sent.getFirst();
                events.add(SampleEvents.event(
                        org,
                        "p1",
                        Instant.now().minusSeconds(30),
                        new EventVoided(target.eventId(), target.type(), "s-0", "duplicate", null)));
            }
            send(org, events);
            sent.addAll(events);
            // another organisation's events on the same topics, never given to this reader
            send(OTHER, List.of(contact(OTHER, "s-0", Instant.now().minusSeconds(60))));
        }

        // the reader ends early only by failing: then its failure is the answer, not a timeout
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() >= sent.size() || reader.isDone());
        stop.set(true);
        reader.get();
        var again = feed(port, TOKENS.coordinator(org), org, cursor.get(), 100, 0);

        assertThat(again.json().path("events").isEmpty()).isTrue();
        assertThat(ids(seen)).containsExactlyInAnyOrderElementsOf(ids(sent));
        assertThat(ids(seen)).doesNotHaveDuplicates();
        assertThat(seen).allSatisfy(event -> {
            assertThat(event.path("orgId").asString()).isEqualTo(org);
            assertThat(event.has("receivedAt")).isTrue();
        });
        // one subject's events share a partition: each subject's in the order they were received
        for (int i = 0; i < 5; i++) {
            var subject = "s-" + i;
            assertThat(ids(seen.stream().filter(e -> subject(e).equals(subject)).toList()))
                    .containsExactlyElementsOf(sent.stream()
                            .filter(e -> e.payload().subject().equals(subject))
                            .map(e -> e.eventId().toString())
                            .toList());
        }

        // an API instance that never saw the cursor carries on from it: nothing lost, nothing repeated
        var later = new ArrayList<Event>();
        for (int i = 0; i < 5; i++) {
            later.add(contact(org, "s-" + i, Instant.now().minus(90, ChronoUnit.DAYS)));
        }
        send(org, later);
        try (var restarted = new SpringApplicationBuilder(TrackerApiApplication.class)
                .profiles("local")
                .run(arguments(PROPERTIES))) {
            int otherPort =
                    ((WebServerApplicationContext) restarted).getWebServer().getPort();
            var carriedOn = new ArrayList<JsonNode>();
            var from = cursor.get();
            while (carriedOn.size() < later.size()) {
                var page = feed(otherPort, TOKENS.admin(org), org, from, 2, 5);
                page.json().path("events").forEach(carriedOn::add);
                from = page.json().path("next").asString();
            }
            assertThat(ids(carriedOn)).containsExactlyInAnyOrderElementsOf(ids(later));
            assertThat(feed(otherPort, TOKENS.admin(org), org, from, 100, 0)
                            .json()
                            .path("events")
                            .isEmpty())
                    .isTrue();
        }
    }

    @Test
    void waitsForAnEventWhenNothingIsNewAndAnswersAsSoonAsOneArrives() throws Exception {
        var org = ORG + "-w";
        var end = feed(port, TOKENS.coordinator(org), org, null, 100, 0)
                .json()
                .path("next")
                .asString();

        long started = System.nanoTime();
        var empty = feed(port, TOKENS.coordinator(org), org, end, 100, 1);
        var waited = Duration.ofNanos(System.nanoTime() - started);
        var waiting = CompletableFuture.supplyAsync(() -> feed(port, TOKENS.coordinator(org), org, end, 100, 20));
        var event = contact(org, "s-late", Instant.now().minus(100, ChronoUnit.DAYS));
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        long sentAt = System.nanoTime();
        send(org, List.of(event));
        var answer = waiting.get();

        assertThat(empty.json().path("events").isEmpty()).isTrue();
        assertThat(empty.json().path("next").asString()).isEqualTo(end);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(ids(list(answer.json().path("events"))))
                .containsExactly(event.eventId().toString());
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void isReadByTheOrganisationsIntegrationClientsCoordinatorsAndAdminsOnly() {
        var feed = "/api/v1/orgs/" + ORG + "/feed?wait=0";

        assertThat(http(TOKENS.token(ORG, "integration", null)).get(feed).status())
                .isEqualTo(200);
        assertThat(http(TOKENS.coordinator(ORG)).get(feed).status()).isEqualTo(200);
        assertThat(http(TOKENS.admin(ORG)).get(feed).status()).isEqualTo(200);
        assertThat(http(TOKENS.peer(ORG, "p1")).get(feed).status()).isEqualTo(403);
        assertThat(http(TOKENS.analyst(ORG)).get(feed).status()).isEqualTo(403);
        assertThat(http(TOKENS.token(OTHER, "integration", null)).get(feed).status())
                .isEqualTo(403);
        assertThat(http(TOKENS.coordinator(OTHER)).get(feed).status()).isEqualTo(403);
        assertThat(http(null).get(feed).status()).isEqualTo(401);
        // an integration client reads the feed and nothing else
        for (var path : List.of("/dashboard", "/support/cases", "/activity", "/exports/activity", "/peers")) {
            assertThat(http(TOKENS.token(ORG, "integration", null))
                            .get("/api/v1/orgs/" + ORG + path)
                            .status())
                    .as(path)
                    .isEqualTo(403);
        }
    }

    @Test
    void refusesACursorOfAnotherOrganisationAndBadParametersNamingThem() {
        var cursor = feed(port, TOKENS.coordinator(ORG), ORG, null, 1, 0)
                .json()
                .path("next")
                .asString();

        var taken = feed(port, TOKENS.coordinator(OTHER), OTHER, cursor, 10, 0);
        var garbage = feed(port, TOKENS.coordinator(ORG), ORG, "not-a-cursor", 10, 0);
        var limit = feed(port, TOKENS.coordinator(ORG), ORG, null, 0, 0);
        var wait = feed(port, TOKENS.coordinator(ORG), ORG, null, 10, 31);

        assertProblem(taken, 400, "after", "same-organisation");
        assertProblem(garbage, 400, "after", "cursor");
        assertProblem(limit, 400, "limit", "range");
        assertProblem(wait, 400, "wait", "range");
    }

    private static Http.Response feed(int port, String token, String org, String after, int limit, int wait) {
        var query = "?limit=" + limit + "&wait=" + wait + (after == null ? "" : "&after=" + after);
        return new Http(port).as(token).get("/api/v1/orgs/" + org + "/feed" + query);
    }

    private void send(String org, List<Event> events) {
        var body = "[" + String.join(",", events.stream().map(EventCodec::write).toList()) + "]";
        var response = http(TOKENS.coordinator(org)).post("/api/v1/orgs/" + org + "/events", body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    private static Event contact(String org, String session, Instant occurredAt) {
        return SampleEvents.event(
                org, "p1", occurredAt, SampleEvents.anonymousContact(session, "oost", 1, false, null));
    }

    private static String subject(JsonNode event) {
        var payload = event.path("payload");
        return payload.has("targetSubject")
                ? payload.path("targetSubject").asString()
                : payload.path("sessionId").asString();
    }

    private static List<JsonNode> list(JsonNode array) {
        return array.valueStream().toList();
    }

    private static List<String> ids(List<?> events) {
        return events.stream()
                .map(e -> e instanceof Event event
                        ? event.eventId().toString()
                        : ((JsonNode) e).path("eventId").asString())
                .toList();
    }

    /** As command-line arguments, which win over the application's files as the test's properties do. */
    private static String[] arguments(Map<String, String> properties) {
        var given = new ArrayList<String>();
        properties.forEach((key, value) -> given.add("--" + key + "=" + value));
        given.add("--server.port=0");
        return given.toArray(String[]::new);
    }

    private Http http(String token) {
        var http = new Http(port);
        return token == null ? http : http.as(token);
    }
}
