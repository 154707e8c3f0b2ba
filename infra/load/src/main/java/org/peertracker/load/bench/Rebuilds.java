package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.peertracker.events.EventCodec;
import tools.jackson.databind.JsonNode;

/** Rebuilds of a view family, started through the worker's actuator and followed to their end. */
final class Rebuilds {

    /** A finished rebuild: events projected, wall time, and the rate. */
    record Rebuilt(String family, int generation, long events, double seconds, double eventsPerSecond) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Harness harness;

    Rebuilds(Harness harness) {
        this.harness = harness;
    }

    /** Starts a rebuild and follows it to the end; profiles the worker and the stack when {@code profile} names it. */
    Rebuilt rebuild(String family, String profile) throws Exception {
        var settings = harness.settings();
        var started = send("POST", settings.worker() + "/actuator/rebuilds/" + family, settings.adminToken());
        int generation = started.path("generation").asInt();
        boolean profiling = profile != null && harness.profiles().start(profile, "worker", "embedded-mongodb");
        long lastReport = 0;
        JsonNode progress;
        try {
            while (true) {
                progress = send("GET", settings.worker() + "/actuator/rebuilds", settings.adminToken())
                        .path(family);
                var status = progress.path("status").asString("");
                if (progress.path("generation").asInt() == generation
                        && (status.equals("done") || status.equals("failed"))) {
                    break;
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress(
                            "  rebuild of %s: %s, %,d of %,d events, %,.0f events/s, eta %d s",
                            family,
                            status,
                            progress.path("eventsDone").asLong(),
                            progress.path("eventsTotal").asLong(),
                            progress.path("eventsPerSecond").asDouble(),
                            progress.path("etaSeconds").asLong());
                }
                // the worker updates the progress once a second; asking more often only costs it CPU
                TimeUnit.SECONDS.sleep(1);
            }
        } finally {
            if (profiling) {
                harness.profiles().stop(profile, "worker", "embedded-mongodb");
            }
        }
        if (progress.path("status").asString().equals("failed")) {
            throw new IllegalStateException("rebuild of " + family + " failed: "
                    + progress.path("error").asString());
        }
        long events = progress.path("eventsTotal").asLong();
        double seconds = Duration.between(
                                Instant.parse(progress.path("startedAt").asString()),
                                // the work ends when readers switch; the old generation is dropped a grace later
                                Instant.parse(progress.path("switchedAt").asString()))
                        .toMillis()
                / 1000.0;
        var rebuilt = new Rebuilt(family, generation, events, seconds, BenchReport.round(events / seconds));
        progress(
                "  rebuild of %s done: %,d events in %.1f s = %,.0f events/s",
                family, events, seconds, rebuilt.eventsPerSecond());
        return rebuilt;
    }

    private JsonNode send(String method, String url, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return EventCodec.mapper().readTree(response.body());
    }
}
