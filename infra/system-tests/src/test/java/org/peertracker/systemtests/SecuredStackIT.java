package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.peertracker.events.EventCodec;
import org.peertracker.testing.IntakeAnswers;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;

/** The deployed services ask for tokens: the API per organisation and role, the worker's actuator a platform operator's. */
class SecuredStackIT {

    final StackUnderTest stack = StackUnderTest.get();
    final TestTokens tokens = TestTokens.shared();

    @Test
    void answersTheApiOnlyToATokenOfThePathsOrganisation() {
        var org = EndToEndIT.org();
        var dashboard = stack.api() + "/api/v1/orgs/" + org + "/dashboard";

        assertThat(Client.sendAs(null, get(dashboard)).status()).isEqualTo(401);
        assertThat(Client.sendAs(TestTokens.foreign().coordinator(org), get(dashboard))
                        .status())
                .isEqualTo(401);
        assertThat(Client.sendAs(tokens.coordinator("another-" + org), get(dashboard))
                        .status())
                .isEqualTo(403);
        assertThat(Client.sendAs(tokens.coordinator(org), get(dashboard)).status())
                .isEqualTo(200);
        assertThat(Client.sendAs(null, get(stack.api() + "/actuator/health")).status())
                .isEqualTo(200);
    }

    @Test
    void rejectsAPeersEventForAnotherPeer() {
        var org = EndToEndIT.org();
        var event = SampleEvents.event(
                org, "p2", Instant.now().minusSeconds(30), SampleEvents.anonymousContact("s1", "oost", 1, false, null));
        var post = HttpRequest.newBuilder(URI.create(stack.api() + "/api/v1/orgs/" + org + "/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventCodec.write(event)));

        var response = Client.sendAs(tokens.peer(org, "p1"), post);

        assertThat(response.status()).isEqualTo(422);
        assertThat(IntakeAnswers.firstRule(response.json(), 0)).isEqualTo("own-peer");
    }

    @Test
    void opensTheWorkersHealthToAnyoneAndItsRebuildsToPlatformOperatorsOnly() {
        var health = Client.sendAs(null, get(stack.worker() + "/actuator/health"));
        var rebuild = HttpRequest.newBuilder(URI.create(stack.worker() + "/actuator/rebuilds/outreach"))
                .POST(HttpRequest.BodyPublishers.noBody());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().has("components")).isFalse();
        assertThat(Client.sendAs(null, rebuild).status()).isEqualTo(401);
        assertThat(Client.sendAs(tokens.coordinator("mainline"), rebuild).status())
                .isEqualTo(403);
        assertThat(Client.sendAs(tokens.analyst("mainline"), get(stack.worker() + "/actuator/rebuilds"))
                        .status())
                .isEqualTo(403);
        // an organisation's admin, of this organisation or another, may not act for every tenant
        assertThat(Client.sendAs(tokens.admin("mainline"), rebuild).status()).isEqualTo(403);
        assertThat(Client.sendAs(tokens.admin("elsewhere"), get(stack.worker() + "/actuator/deadletters"))
                        .status())
                .isEqualTo(403);
        assertThat(Client.sendAs(tokens.operator(), get(stack.worker() + "/actuator/rebuilds"))
                        .status())
                .isEqualTo(200);
        assertThat(Client.sendAs(tokens.operator(), get(stack.worker() + "/actuator/health"))
                        .json()
                        .has("components"))
                .isTrue();
    }

    @Test
    void opensTheProbesToAnyoneAndTheMetricsToPlatformOperatorsOnly() {
        for (var service : List.of(stack.api(), stack.worker())) {
            for (var probe : List.of("liveness", "readiness")) {
                var answer = Client.sendAs(null, get(service + "/actuator/health/" + probe));
                assertThat(answer.status()).as(service + " " + probe).isEqualTo(200);
                assertThat(answer.json().path("status").asString()).isEqualTo("UP");
            }
            assertThat(scrape(null, service).statusCode()).isEqualTo(401);
            assertThat(scrape(tokens.admin("mainline"), service).statusCode()).isEqualTo(403);
            var info = Client.sendAs(tokens.operator(), get(service + "/actuator/info"));
            assertThat(info.status()).isEqualTo(200);
            assertThat(info.json().path("build").path("version").asString()).isNotEmpty();
            assertThat(Client.sendAs(tokens.admin("mainline"), get(service + "/actuator/info"))
                            .status())
                    .isEqualTo(403);
        }
        var org = EndToEndIT.org();
        var contact = SampleEvents.event(
                org, "p1", Instant.now().minusSeconds(30), SampleEvents.anonymousContact("s1", "oost", 1, false, null));
        assertThat(Client.post(stack.api() + "/api/v1/orgs/" + org + "/events", List.of(contact))
                        .status())
                .isEqualTo(202);

        var api = scrape(tokens.operator(), stack.api());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(sample(
                        api.body(),
                        "tracker_intake_events_total{result=\"accepted\",type=\"outreach.contact-recorded\"}"))
                .isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var worker = scrape(tokens.operator(), stack.worker());
            assertThat(worker.statusCode()).isEqualTo(200);
            for (var family : List.of("support", "outreach", "campaign", "involvement", "activity")) {
                assertThat(sample(worker.body(), "tracker_projection_lag_events{family=\"" + family + "\"}"))
                        .as("events of " + family + "'s topics not yet in its views")
                        .isZero();
            }
            assertThat(worker.body()).contains("kafka_consumer_fetch_manager_records_consumed_total");
        });
        // every series the Grafana dashboard and the alerts ask for is one the services expose
        var scraped = scrape(tokens.operator(), stack.api()).body()
                + scrape(tokens.operator(), stack.worker()).body();
        var asked = new TreeSet<String>();
        for (var file : List.of("peer-tracker.json", "alerts.yaml")) {
            var matcher = SERIES.matcher(read(Path.of("..", "grafana", file)));
            while (matcher.find()) {
                asked.add(matcher.group());
            }
        }
        assertThat(asked).contains("tracker_projection_lag_events", "tracker_intake_events_total");
        assertThat(asked)
                .allSatisfy(series ->
                        assertThat(scraped).as("a series of the dashboard").containsPattern("(?m)^" + series + "[{ ]"));
    }

    static final Pattern SERIES = Pattern.compile("\\b(?:tracker|kafka|http|jvm)_[a-z_]+\\b");

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> scrape(String token, String service) {
        var request = HttpRequest.newBuilder(URI.create(service + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one sample of a Prometheus text answer, named with its labels as the answer spells them. */
    private static double sample(String scraped, String series) {
        return scraped.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + series + " in the metrics"));
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }
}
