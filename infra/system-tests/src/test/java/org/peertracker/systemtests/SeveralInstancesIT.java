package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Topics;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;

/**
 * Two APIs and two workers on one broker and one MongoDB, as an organisation that outgrew one process runs them:
 * steady load through both APIs; a rebuild of a family started mid-stream on one worker (the other refused a second
 * one, and reports the same progress); one worker killed with SIGKILL and started again; one API stopped and started.
 * Every acknowledged event is in the activity log exactly once, every view equals a from-scratch rebuild, and both
 * APIs' live streams receive notifications.
 */
class SeveralInstancesIT {

    private static final String ORG = "several";
    private static final Duration SETTLE = Duration.ofSeconds(120);

    @Test
    void keepsEveryEventOnceThroughARebuildAKilledWorkerAndARestartedApi() throws Exception {
        var kafka = TestInfrastructure.kafkaBootstrapServers();
        TestInfrastructure.ensureTopics(kafka, 6, Topics.EVENT_TOPICS);
        var database = TestInfrastructure.uniqueDatabase("several");
        FieldApp first = null;
        FieldApp second = null;
        try (var services =
                ServicesUnderTest.start("several-instances", kafka, TestInfrastructure.mongoUri(), database, 2, 2)) {
            var notified = List.of(new AtomicInteger(), new AtomicInteger());
            for (int i = 0; i < 2; i++) {
                listen(services.api(i), notified.get(i));
            }
            first = new FieldApp(services.api(0), ORG);
            second = new FieldApp(services.api(1), ORG);
            first.start();
            second.start();
            await().atMost(SETTLE).ignoreExceptions().until(() -> activityLogCount(services.api(0)) >= 300);

            var started = Client.send(post(services.worker(0) + "/actuator/rebuilds/outreach"));
            var refused = Client.send(post(services.worker(1) + "/actuator/rebuilds/outreach"));
            assertThat(started.status()).isEqualTo(200);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("running").path("generation").asInt())
                    .isEqualTo(started.json().path("generation").asInt());

            var apps = List.of(first, second);
            services.killWorker(1);
            int killedAt = acknowledged(apps);
            await().atMost(SETTLE).until(() -> acknowledged(apps) >= killedAt + 200);
            services.startWorker(1);
            services.stopApi(1);
            int stoppedAt = acknowledged(apps);
            await().atMost(SETTLE).until(() -> acknowledged(apps) >= stoppedAt + 200);
            services.startApi(1);
            listen(services.api(1), notified.get(1));

            services.awaitRebuilt("outreach", started.json().path("generation").asInt());
            first.drain(SETTLE);
            second.drain(SETTLE);
            assertThat(first.pending() + second.pending()).isZero();
            var sent = new HashSet<>(first.acknowledged().keySet());
            sent.addAll(second.acknowledged().keySet());
            var logged = LoggedEvents.awaitEqualTo(
                    sent, () -> LoggedEvents.of(TestInfrastructure.mongoUri(), database, ORG), SETTLE);
            System.out.printf("SeveralInstancesIT: %d events acknowledged, %d logged%n", sent.size(), logged.size());

            var contacts = Stream.concat(first.contacts().stream(), second.contacts().stream())
                    .toList();
            await().atMost(SETTLE)
                    .untilAsserted(() -> assertThat(
                                    Client.get(services.api(0) + "/api/v1/orgs/" + ORG + "/outreach/daily")
                                            .path("days")
                                            .valueStream()
                                            .mapToLong(d -> d.path("contacts").asLong())
                                            .sum())
                            .isEqualTo(contacts.size()));
            services.assertRebuildsReproduce(ORG, 1);
            await().atMost(SETTLE)
                    .untilAsserted(() -> assertThat(notified)
                            .allSatisfy(count -> assertThat(count.get()).isPositive()));
        } finally {
            if (first != null) {
                first.stop();
            }
            if (second != null) {
                second.stop();
            }
        }
    }

    private static int acknowledged(List<FieldApp> apps) {
        return apps.stream().mapToInt(app -> app.acknowledged().size()).sum();
    }

    /** Counts the view-change notifications of the API's live stream, in the background. */
    private static void listen(String api, AtomicInteger notified) {
        var request = HttpRequest.newBuilder(URI.create(api + "/api/v1/orgs/" + ORG + "/live"))
                .header("Authorization", "Bearer " + TestTokens.shared().coordinator(ORG))
                .header("Accept", "text/event-stream")
                .build();
        HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body()
                        .filter(line -> line.startsWith("event:") && line.contains("view-change"))
                        .forEach(line -> notified.incrementAndGet()));
    }

    private static HttpRequest.Builder post(String url) {
        return HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static long activityLogCount(String api) {
        return Client.get(api + "/api/v1/orgs/" + ORG + "/activity?size=1")
                .path("total")
                .asLong();
    }
}
