package org.peertracker.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * Field apps of one organisation, simulated (see {@link SimulatedField}): optionally a history of past days first,
 * sent in batches, then live activity at a steady rate until stopped, so that a dashboard has something to show.
 *
 * <pre>java -cp "infra/simulator/target/classes:infra/simulator/target/lib/*" org.peertracker.simulator.FieldSimulator \
 *     [--url http://localhost:8080] [--org mainline] [--rate 5] [--seconds 0] [--history 30] [--token T] [--seed N]</pre>
 * The token (a coordinator's of the organisation) comes from {@code --token} or the environment's
 * {@code TRACKER_TOKEN}: {@code TRACKER_TOKEN=$(infra/token --org mainline --role coordinator)}.
 */
public final class FieldSimulator {

    static final int MAX_BATCH = 500;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final String USAGE = """
            usage: FieldSimulator [--url http://localhost:8080] [--org mainline] [--rate 5] [--seconds 0] \
            [--history 0] [--token TOKEN] [--seed N]
              --rate     live events per second (offline backlogs count with all their events)
              --seconds  how long to send live events; 0: until stopped
              --history  first send this many days of history (occurredAt spread over them), in batches of 500
              --token    a coordinator's bearer token of the organisation; default: the environment's TRACKER_TOKEN""";

    record Options(String url, String org, double rate, long seconds, int history, String token, long seed) {

        static Options parse(String[] args, Map<String, String> env) {
            var values = new TreeMap<String, String>(Map.of(
                    "url",
                    "http://localhost:8080",
                    "org",
                    "mainline",
                    "rate",
                    "5",
                    "seconds",
                    "0",
                    "history",
                    "0",
                    "token",
                    env.getOrDefault("TRACKER_TOKEN", ""),
                    "seed",
                    String.valueOf(ThreadLocalRandom.current().nextLong())));
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || !values.containsKey(args[i].substring(2)) || i + 1 == args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            var options = new Options(
                    values.get("url").replaceAll("/+$", ""),
                    values.get("org"),
                    Double.parseDouble(values.get("rate")),
                    Long.parseLong(values.get("seconds")),
                    Integer.parseInt(values.get("history")),
                    values.get("token").trim(),
                    Long.parseLong(values.get("seed")));
            if (options.token().isEmpty()) {
                throw new IllegalArgumentException("no token: pass --token or set TRACKER_TOKEN, e.g. "
                        + "TRACKER_TOKEN=$(infra/token --org " + options.org() + " --role coordinator)");
            }
            if (options.rate() <= 0 || options.seconds() < 0 || options.history() < 0 || options.history() > 366) {
                throw new IllegalArgumentException("--rate must be above 0, --seconds 0 or more, --history 0 to 366");
            }
            return options;
        }
    }

    /** Refused by the server in a way that re-sending cannot fix (a bad token, a rule the events break). */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Options options;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI events;
    private long sent;
    private long rejected;

    FieldSimulator(Options options) {
        this.options = options;
        this.events = URI.create(options.url() + "/api/v1/orgs/" + options.org() + "/events");
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("FieldSimulator: " + e.getMessage() + System.lineSeparator() + USAGE);
            System.exit(2);
            return;
        }
        try {
            new FieldSimulator(options).run();
        } catch (Refused e) {
            System.err.println("FieldSimulator: " + e.getMessage());
            System.exit(1);
        }
    }

    void run() throws InterruptedException {
        var field = new SimulatedField(options.org(), options.seed());
        System.out.printf(
                "simulating the field work of %s at %s (seed %d)%n", options.org(), options.url(), options.seed());
        if (options.history() > 0) {
            var history = field.history(options.history(), Instant.now());
            long started = System.nanoTime();
            for (int from = 0; from < history.size(); from += MAX_BATCH) {
                send(history.subList(from, Math.min(history.size(), from + MAX_BATCH)));
            }
            System.out.printf(
                    "history: %d events over %d days sent in %.1f s%n",
                    history.size(), options.history(), (System.nanoTime() - started) / 1e9);
        }
        live(field);
    }

    /** Live: each event (or backlog) when it is due, at the rate asked for, without catching up after a stall. */
    private void live(SimulatedField field) throws InterruptedException {
        long start = System.nanoTime();
        long end = options.seconds() == 0
                ? Long.MAX_VALUE
                : start + Duration.ofSeconds(options.seconds()).toNanos();
        double interval = 1e9 / options.rate();
        long due = start;
        long nextReport = start + REPORT_EVERY.toNanos();
        long sentBefore = sent;
        System.out.printf(
                "live: %.1f events/s%s%n",
                options.rate(), options.seconds() == 0 ? " until stopped" : " for " + options.seconds() + " s");
        while (due < end) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            var batch = field.next(Instant.now());
            send(batch);
            due = Math.max(due + (long) (interval * batch.size()), System.nanoTime() - (long) interval);
            if (System.nanoTime() >= nextReport) {
                System.out.printf(
                        "%s live: %d events sent in the last %d s (%d rejected in all)%n",
                        Instant.now(), sent - sentBefore, REPORT_EVERY.toSeconds(), rejected);
                sentBefore = sent;
                nextReport += REPORT_EVERY.toNanos();
            }
        }
        System.out.printf("done: %d events sent, %d rejected%n", sent, rejected);
    }

    /** Sends one batch until the server took it: a 503 or a lost connection is retried with the same eventIds. */
    void send(List<Event> batch) throws InterruptedException {
        var body = new StringBuilder("[");
        for (int i = 0; i < batch.size(); i++) {
            body.append(i == 0 ? "" : ",").append(EventCodec.write(batch.get(i)));
        }
        var request = HttpRequest.newBuilder(events)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + options.token())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString()))
                .build();
        var backoff = Duration.ofSeconds(1);
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                System.err.println("cannot reach " + options.url() + " ("
                        + e.getClass().getSimpleName() + "); retrying in " + backoff.toSeconds() + " s");
                Thread.sleep(backoff);
                backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(30));
                continue;
            }
            switch (response.statusCode()) {
                case 202, 422 -> {
                    count(batch.size(), response.body());
                    return;
                }
                case 503 -> {
                    var retryAfter = response.headers()
                            .firstValue("Retry-After")
                            .map(Long::parseLong)
                            .map(Duration::ofSeconds)
                            .orElse(backoff);
                    System.err.println(
                            "the API could not store the events now; re-sending in " + retryAfter.toSeconds() + " s");
                    Thread.sleep(retryAfter);
                }
                case 401 ->
                    throw new Refused("the API did not accept the token (401): expired, or not of this stack; "
                            + "mint one with infra/token --org " + options.org() + " --role coordinator");
                case 403 ->
                    throw new Refused("the token may not log events for " + options.org()
                            + " (403): use a coordinator's token of that organisation");
                default -> throw new Refused("the API answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    /** Counts what the server took; rejected events are a bug of the simulator: the first few are shown. */
    private void count(int size, String body) {
        var results = EventCodec.mapper().readTree(body);
        long refused = results.path("summary").path("rejected").asLong();
        sent += size - refused;
        if (refused > 0) {
            var errors = new ArrayList<String>();
            for (JsonNode result : results.path("results")) {
                if ("rejected".equals(result.path("status").asString()) && errors.size() < 3) {
                    errors.add(result.path("errors").toString());
                }
            }
            if (rejected < 20) {
                System.err.println(refused + " event(s) rejected: " + String.join("; ", errors));
            }
            rejected += refused;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
