package org.peertracker.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.peertracker.events.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * End-to-end latency from the outside: posts single outreach contacts, each with a session of its own, and listens on
 * the organisation's live stream for the {@code view-change} of {@code outreach_sessions} naming that session. The
 * worker notifies after its write, so the time from the 202 to the notification bounds the time until the effect is
 * readable; every 20th session is also read back through the API the moment its notification arrives.
 */
public final class LiveProbe {

    /**
     * Latencies in microseconds; {@code missing}: acknowledged without a notification within the grace time, counted
     * among the latencies with the time they had waited (so that the percentiles are then lower bounds);
     * {@code readableMicros}: for every 10th probe, from its 202 until a GET of its session answered 200 (polled every
     * 100 ms, so up to 100 ms late), with {@code unreadable} of them never readable within the grace time.
     */
    public record Result(
            long[] latenciesMicros,
            int sent,
            int acknowledged,
            int missing,
            int confirmed,
            int confirmFailed,
            long[] readableMicros,
            int unreadable) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final String org;
    private final String token;
    private final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> notifiedAt = new ConcurrentHashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private final AtomicInteger confirmed = new AtomicInteger();
    private final AtomicInteger confirmFailed = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Long> readable = new ArrayList<>();
    private final AtomicInteger unreadable = new AtomicInteger();
    private final AtomicInteger polled = new AtomicInteger();
    /** Probes whose readability is still being polled. */
    private final AtomicInteger polling = new AtomicInteger();

    private volatile long pollUntil = Long.MAX_VALUE;

    public LiveProbe(String api, String org, String token) {
        this.api = api;
        this.org = org;
        this.token = token;
    }

    /** Posts {@code perSecond} probes a second for {@code seconds}, then waits up to {@code grace} for the rest. */
    public Result run(int perSecond, int seconds, Duration grace) throws Exception {
        var ready = new CountDownLatch(1);
        var live = HttpRequest.newBuilder(URI.create(api + "/api/v1/orgs/" + org + "/live"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        var response = http.send(live, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the live stream answered " + response.statusCode());
        }
        var lines = response.body();
        var reader = Thread.ofVirtual().start(() -> read(lines, ready));
        int sent = 0;
        try {
            if (!ready.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the live stream sent no ready event");
            }
            long interval = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            try (var posts = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < perSecond * seconds; i++) {
                    long wait = start + i * interval - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    posts.submit(this::postOne);
                    sent++;
                }
            }
            long deadline = System.nanoTime() + grace.toNanos();
            pollUntil = deadline;
            while (System.nanoTime() < deadline && (pending() > 0 || polling.get() > 0)) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } finally {
            lines.close();
            reader.interrupt();
        }
        long end = System.nanoTime();
        synchronized (latencies) {
            int missing = 0;
            // a probe never seen took at least until the end of the wait: counted so, the percentiles are lower bounds
            for (var probe : acknowledgedAt.entrySet()) {
                if (!notifiedAt.containsKey(probe.getKey())) {
                    latencies.add((end - probe.getValue()) / 1000);
                    missing++;
                }
            }
            long[] readableMicros;
            synchronized (readable) {
                readableMicros = readable.stream().mapToLong(Long::longValue).toArray();
            }
            return new Result(
                    latencies.stream().mapToLong(Long::longValue).toArray(),
                    sent,
                    sequence.get(),
                    missing,
                    confirmed.get(),
                    confirmFailed.get(),
                    readableMicros,
                    unreadable.get());
        }
    }

    private int pending() {
        return (int) acknowledgedAt.keySet().stream()
                .filter(id -> !notifiedAt.containsKey(id))
                .count();
    }

    private Void postOne() throws IOException, InterruptedException {
        var session = "probe-" + UUID.randomUUID().toString().substring(0, 13);
        var event = IntakeLoad.contact(org, session);
        var request = HttpRequest.newBuilder(URI.create(api + "/api/v1/orgs/" + org + "/events"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(EventCodec.write(event)))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.discarding());
        long at = System.nanoTime();
        if (response.statusCode() == 202) {
            sequence.incrementAndGet();
            var id = org + "|" + session;
            acknowledgedAt.put(id, at);
            if (polled.incrementAndGet() % 10 == 0) {
                polling.incrementAndGet();
                Thread.ofVirtual().start(() -> pollUntilReadable(session, at));
            }
            var notified = notifiedAt.get(id);
            if (notified != null) {
                // the notification overtook the 202 on its way back: readable before the client knew
                record(id, at, notified);
            }
        }
        return null;
    }

    private void read(Stream<String> lines, CountDownLatch ready) {
        var event = new String[] {""};
        try {
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    event[0] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (event[0].equals("ready")) {
                        ready.countDown();
                    } else if (event[0].equals("view-change")) {
                        onViewChange(
                                EventCodec.mapper().readTree(line.substring(5).trim()));
                    }
                } else if (line.isEmpty()) {
                    event[0] = "";
                }
            });
        } catch (RuntimeException closed) {
            // the stream was closed at the end of the run
        }
    }

    private void onViewChange(JsonNode change) {
        if (!change.path("view").asString("").equals("outreach_sessions")) {
            return;
        }
        long at = System.nanoTime();
        for (var idNode : change.path("ids")) {
            var id = idNode.asString();
            if (notifiedAt.putIfAbsent(id, at) == null) {
                var acknowledged = acknowledgedAt.get(id);
                if (acknowledged != null) {
                    record(id, acknowledged, at);
                }
            }
        }
    }

    private void record(String id, long acknowledged, long notified) {
        int n;
        synchronized (latencies) {
            latencies.add(Math.max(0, notified - acknowledged) / 1000);
            n = latencies.size();
        }
        if (n % 20 == 1) {
            Thread.ofVirtual().start(() -> confirm(id.substring(id.indexOf('|') + 1)));
        }
    }

    /** The direct measure: GET the session every 100 ms from its 202 until it is there. */
    private void pollUntilReadable(String session, long acknowledged) {
        var request = sessionRequest(session);
        try {
            while (System.nanoTime() < pollUntil) {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    synchronized (readable) {
                        readable.add((System.nanoTime() - acknowledged) / 1000);
                    }
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            unreadable.incrementAndGet();
        } catch (IOException | InterruptedException e) {
            unreadable.incrementAndGet();
        } finally {
            polling.decrementAndGet();
        }
    }

    private HttpRequest sessionRequest(String session) {
        return HttpRequest.newBuilder(URI.create(api + "/api/v1/orgs/" + org + "/outreach/sessions/" + session))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    /** Reads the session back at once: the notification promised it is there. */
    private void confirm(String session) {
        var request = sessionRequest(session);
        try {
            var status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            (status == 200 ? confirmed : confirmFailed).incrementAndGet();
        } catch (IOException | InterruptedException e) {
            confirmFailed.incrementAndGet();
        }
    }
}
