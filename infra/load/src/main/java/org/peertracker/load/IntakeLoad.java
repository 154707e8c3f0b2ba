package org.peertracker.load;

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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventType;
import org.peertracker.events.Materials;
import org.peertracker.events.SignalReported;

/**
 * Load on the intake from a JVM of its own: outreach contacts in batches, either as fast as {@code concurrency}
 * clients can send them (closed loop) or at a fixed offered rate (open loop, latency counted from when each
 * request was due, so a slow server cannot hide its queueing).
 *
 * <pre>java -cp ... org.peertracker.load.IntakeLoad --url http://localhost:8080 --token "$(infra/token --org load-test --role coordinator)" --org load-test --batch 100 --concurrency 4 --seconds 30 [--rate 2000]</pre>
 */
public final class IntakeLoad {

    /**
     * @param token a bearer token (e.g. from {@code infra/token}); {@code TRACKER_TOKEN} when not given
     * @param mix   {@code anonymous} (every contact anonymous) or {@code privacy}: 20 % of the events contacts with a
     *              client code (a pool of 5,000 clients, so the pseudonym table is read, and written for new ones)
     *              and 2 % signals with a text of about 110 characters (sealed under a key of their own)
     */
    public record Options(
            String url, String org, int batch, int concurrency, int seconds, int rate, String token, String mix) {

        public static final String ANONYMOUS = "anonymous";
        public static final String PRIVACY = "privacy";

        public Options(String url, String org, int batch, int concurrency, int seconds, int rate, String token) {
            this(url, org, batch, concurrency, seconds, rate, token, ANONYMOUS);
        }

        static Options parse(String[] args) {
            var values = new TreeMap<String, String>(Map.of(
                    "url",
                    "http://localhost:8080",
                    "org",
                    "load-test",
                    "batch",
                    "100",
                    "concurrency",
                    "4",
                    "seconds",
                    "30",
                    "rate",
                    "0",
                    "mix",
                    ANONYMOUS));
            values.put("token", System.getenv().getOrDefault("TRACKER_TOKEN", ""));
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--") || !values.containsKey(args[i].substring(2))) {
                    throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + values.keySet());
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            return new Options(
                    values.get("url"),
                    values.get("org"),
                    Integer.parseInt(values.get("batch")),
                    Integer.parseInt(values.get("concurrency")),
                    Integer.parseInt(values.get("seconds")),
                    Integer.parseInt(values.get("rate")),
                    values.get("token"),
                    values.get("mix"));
        }
    }

    /** What a run measured; events/s counts accepted events. */
    public record Result(
            String mode,
            int batch,
            int concurrency,
            int offeredEventsPerSecond,
            double seconds,
            long requests,
            long eventsAccepted,
            double eventsPerSecond,
            double p50Millis,
            double p99Millis,
            double p999Millis,
            double maxMillis,
            Map<Integer, Long> statuses) {

        public String json() {
            return EventCodec.mapper().writeValueAsString(this);
        }
    }

    public static void main(String[] args) throws Exception {
        var result = run(Options.parse(args));
        System.out.println(result.json());
    }

    public static Result run(Options options) throws InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var uri = URI.create(options.url() + "/api/v1/orgs/" + options.org() + "/events");
        var latencies = new Recorder(3);
        var accepted = new LongAdder();
        var requests = new LongAdder();
        var statuses = new ConcurrentHashMap<Integer, LongAdder>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(options.seconds()).toNanos();
        var scheduled = new AtomicLong();
        long interval = options.rate() > 0 ? (long) (1e9 * options.batch() / options.rate()) : 0;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < options.concurrency(); c++) {
                executor.submit(() -> {
                    while (true) {
                        long due = interval > 0 ? start + scheduled.getAndIncrement() * interval : System.nanoTime();
                        if (due >= end) {
                            return null;
                        }
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(Duration.ofNanos(wait));
                        }
                        var request = HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + options.token())
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(batch(options)))
                                .build();
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                        } catch (IOException e) {
                            status = -1;
                        }
                        latencies.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                        requests.increment();
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status == 202) {
                            accepted.add(options.batch());
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var histogram = latencies.getIntervalHistogram();
        var counted = new TreeMap<Integer, Long>();
        statuses.forEach((status, count) -> counted.put(status, count.sum()));
        return new Result(
                options.rate() > 0 ? "fixed-rate" : "max",
                options.batch(),
                options.concurrency(),
                options.rate(),
                round(seconds),
                requests.sum(),
                accepted.sum(),
                round(accepted.sum() / seconds),
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getValueAtPercentile(99.9) / 1000.0,
                histogram.getMaxValue() / 1000.0,
                counted);
    }

    /** A batch of contacts (and, in the privacy mix, signals) over a few sessions and areas, a body of realistic size. */
    static String batch(Options options) {
        var random = ThreadLocalRandom.current();
        var events = new ArrayList<String>(options.batch());
        boolean privacy = Options.PRIVACY.equals(options.mix());
        for (int i = 0; i < options.batch(); i++) {
            var event = contact(options.org(), "sess-" + random.nextInt(50));
            int draw = random.nextInt(100);
            if (privacy && draw < 20) {
                var anonymous = (ContactRecorded) event.payload();
                event = event.withPayload(new ContactRecorded(
                        anonymous.sessionId(),
                        anonymous.area(),
                        false,
                        "BENCH" + random.nextInt(5_000),
                        null,
                        1,
                        false,
                        anonymous.materials(),
                        anonymous.topics()));
            } else if (privacy && draw < 22) {
                var contact = (ContactRecorded) event.payload();
                event = new Event(
                        event.eventId(),
                        EventType.OUTREACH_SIGNAL_REPORTED.token(),
                        EventType.OUTREACH_SIGNAL_REPORTED.version(),
                        event.orgId(),
                        event.peerId(),
                        null,
                        null,
                        event.occurredAt(),
                        null,
                        null,
                        new SignalReported(contact.sessionId(), "new-substance", contact.area(), "high", SIGNAL_TEXT));
            }
            events.add(EventCodec.write(event));
        }
        return "[" + String.join(",", events) + "]";
    }

    /** An anonymous contact in one of 8 areas, as a field app sends it. */
    public static Event contact(String org, String sessionId) {
        var random = ThreadLocalRandom.current();
        var type = EventType.OUTREACH_CONTACT_RECORDED;
        var contact = new ContactRecorded(
                sessionId,
                "area-" + random.nextInt(8),
                true,
                null,
                null,
                1 + random.nextInt(3),
                random.nextInt(4) == 0,
                new Materials(
                        random.nextInt(30),
                        random.nextInt(30),
                        random.nextInt(2),
                        random.nextInt(10),
                        0,
                        0,
                        random.nextInt(3)),
                List.of("safer-use"));
        return new Event(
                UUID.randomUUID(),
                type.token(),
                type.version(),
                org,
                "peer-" + random.nextInt(20),
                null,
                null,
                Instant.now().minusSeconds(5),
                null,
                null,
                contact);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** A signal's text of about 110 characters, as a peer might write one. */
    private static final String SIGNAL_TEXT =
            "Blue pills sold as MDMA near the station tonight, two people felt unwell after one; test kits handed out. ok";

    private IntakeLoad() {}
}
