package org.peertracker.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.events.Topics;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live stream: the worker's notifications reach the open streams of their organisation, and only those; streams
 * are capped per token subject and per organisation, and end with their token.
 */
class LiveIT extends ApiITSupport {

    static KafkaProducer<String, String> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "live_it");
        registry.add("tracker.live.max-streams-per-subject", () -> "2");
        registry.add("tracker.live.max-streams-per-org", () -> "3");
    }

    @BeforeAll
    static void producer() {
        TestInfrastructure.ensureTopics(3, List.of(Topics.VIEW_CHANGES));
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void pushesAViewChangeOfTheCallersOrganisationAndNoneOfAnother() {
        var org = org();
        var other = "someone-else-" + UUID.randomUUID().toString().substring(0, 8);
        var own = listen(org, TestTokens.shared().coordinator(org));
        var others = listen(other, TestTokens.shared().coordinator(other));

        notifyChange(other, "outreach_daily", other + "|2026-11-27|oost");
        notifyChange(org, "outreach_daily", org + "|2026-11-27|oost");

        // the other organisation's notification was delivered, to its own stream: its absence below means something
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(others.lines())
                    .anySatisfy(line -> assertThat(line).startsWith("data:").contains(other + "|"));
            assertThat(own.lines())
                    .anySatisfy(line -> assertThat(line).startsWith("data:").contains(org + "|2026-11-27|oost"));
        });
        assertThat(own.lines()).contains("event:ready").noneMatch(line -> line.contains("someone-else"));
        assertThat(others.lines()).noneMatch(line -> line.contains(org + "|"));
    }

    @Test
    void refusesAStreamOverTheCapOfItsTokensSubjectOrOfItsOrganisationWithTooManyRequests() {
        var org = org();
        var coordinator = TestTokens.shared().coordinator(org);
        listen(org, coordinator);
        listen(org, coordinator);

        var perSubject = openAs(org, coordinator);
        listen(org, TestTokens.shared().analyst(org));
        var perOrg = openAs(org, TestTokens.shared().admin(org));

        assertThat(perSubject.status()).isEqualTo(429);
        assertThat(perSubject.contentType()).startsWith("application/problem+json");
        assertThat(perSubject.json().path("rule").asString()).isEqualTo("max-streams-per-subject");
        assertThat(perSubject.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(perOrg.status()).isEqualTo(429);
        assertThat(perOrg.json().path("rule").asString()).isEqualTo("max-streams-per-org");
        assertThat(perOrg.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(openAs(org(), coordinator).status())
                .as("another organisation's token")
                .isEqualTo(403);
    }

    @Test
    void endsAStreamWhenItsTokenExpires() {
        var org = org();
        var expiring = listen(
                org,
                TestTokens.shared()
                        .altered(
                                org,
                                "coordinator",
                                claims -> claims.expirationTime(
                                        Date.from(Instant.now().plusSeconds(3)))));
        var lasting = listen(org, TestTokens.shared().coordinator(org));

        await().atMost(Duration.ofSeconds(20)).until(expiring.ended()::isDone);
        assertThat(lasting.ended()).isNotDone();
    }

    @Test
    void tellsAnAnalystWhichViewChangedButNotWhichDocuments() {
        var org = org();
        var lines = listen(org, TestTokens.shared().analyst(org)).lines();

        notifyChange(org, "support_cases", org + "|case-17");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(lines)
                        .anySatisfy(line -> assertThat(line).startsWith("data:").contains("support_cases")));
        assertThat(lines).noneMatch(line -> line.contains("case-17"));
    }

    @Test
    void refusesAPeerAndAnotherOrganisationsToken() {
        var org = org();
        var http = new Http(port);

        assertThat(http.as(TestTokens.shared().peer(org, "p1"))
                        .get("/api/v1/orgs/" + org + "/live")
                        .status())
                .isEqualTo(403);
        assertThat(http.as(TestTokens.shared().coordinator("other"))
                        .get("/api/v1/orgs/" + org + "/live")
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/orgs/" + org + "/live").status()).isEqualTo(401);
        assertThat(http.as(TestTokens.shared().coordinator(org))
                        .get("/api/v1/orgs/" + org + "/dashboard?access_token=x")
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/orgs/" + org + "/dashboard?access_token="
                                + TestTokens.shared().coordinator(org))
                        .status())
                .as("a token in the query counts on the live stream only")
                .isEqualTo(401);
    }

    /** An open stream's lines, and its end: when the server ends the response. */
    record Listening(List<String> lines, CompletableFuture<Void> ended) {}

    /** Opens the stream as a browser's EventSource would (token in the query) and collects its lines. */
    private Listening listen(String org, String token) {
        var lines = new CopyOnWriteArrayList<String>();
        var request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/orgs/" + org + "/live?access_token=" + token))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        var ended = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body()
                        .forEach(line ->
                                lines.add(line.replace("event: ", "event:").replace("data: ", "data:"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:ready"));
        return new Listening(lines, ended);
    }

    /** Asks for a stream as the page does; a stream granted is closed at once, with an empty body. */
    private Http.Response openAs(String org, String token) {
        return new Http(port).as(token).openStream("/api/v1/orgs/" + org + "/live");
    }

    private static void notifyChange(String org, String view, String id) {
        var json = "{\"view\":\"" + view + "\",\"ids\":[\"" + id + "\"],\"orgId\":\"" + org + "\"}";
        producer.send(new ProducerRecord<>(Topics.VIEW_CHANGES, org, json));
        producer.flush();
    }

    private static String org() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
