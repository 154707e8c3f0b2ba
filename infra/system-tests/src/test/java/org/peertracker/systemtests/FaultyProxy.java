package org.peertracker.systemtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.peertracker.events.EventCodec;

/**
 * A proxy between a browser and the API, the only origin the browser sees, that forwards every request and, per
 * batch posted to {@code POST /api/v1/orgs/{orgId}/events}, can fail in one of the ways a phone's network fails:
 * answer 503 itself, lose the API's answer, or hold it (while the test kills the browser). It keeps every batch it
 * was given: when, which eventIds, what it did, what the API answered.
 */
final class FaultyProxy implements AutoCloseable {

    /** What becomes of one batch. */
    enum Fault {
        /** Forwarded, and the API's answer passed on. */
        FORWARD,
        /** Not forwarded: 503 with {@code Retry-After}, as a busy intake answers. */
        BUSY,
        /** Forwarded, the API applies it; then the connection is closed without an answer: a lost acknowledgement. */
        DROP_ANSWER,
        /** Forwarded, the API applies it; the answer waits until {@link #release()}, by then to a dead browser. */
        HOLD_ANSWER
    }

    /** One batch posted: when ({@link System#nanoTime()}), its eventIds, the fault, the API's status (0: none). */
    record Post(long atNanos, List<String> eventIds, Fault fault, int apiStatus) {}

    static final int RETRY_AFTER_SECONDS = 2;
    private static final Pattern EVENTS = Pattern.compile("/api/v1/orgs/[^/]+/events");
    // hop-by-hop headers, and those the JDK's client sets itself
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "content-length",
            "host",
            "keep-alive",
            "transfer-encoding",
            "upgrade",
            "expect",
            "te",
            "trailer",
            "origin");

    private final URI api;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(threads)
            .build();
    private final ConcurrentLinkedDeque<Fault> plan = new ConcurrentLinkedDeque<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private volatile Supplier<Fault> otherwise = () -> Fault.FORWARD;
    private volatile CompletableFuture<Post> held = new CompletableFuture<>();
    private volatile CompletableFuture<Void> release = new CompletableFuture<>();

    private FaultyProxy(String api) throws IOException {
        this.api = URI.create(api);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static FaultyProxy to(String api) throws IOException {
        return new FaultyProxy(api);
    }

    /** The origin the browser is given. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The faults for the next batches, in order; after them, {@link #otherwise}'s. */
    void next(Fault... faults) {
        plan.addAll(List.of(faults));
    }

    /** The fault of each batch once the planned ones are used up ({@link Fault#FORWARD} unless set). */
    void otherwise(Supplier<Fault> faults) {
        otherwise = faults;
    }

    /** Completes when the API has answered a batch of {@link Fault#HOLD_ANSWER} and the answer is held. */
    CompletableFuture<Post> held() {
        return held;
    }

    /** Lets the held answer go (to whoever still listens) and arms the next hold. */
    void release() {
        var released = release;
        release = new CompletableFuture<>();
        held = new CompletableFuture<>();
        released.complete(null);
    }

    /** Every batch posted so far, in the order they came. */
    List<Post> posts() {
        return List.copyOf(posts);
    }

    /** The batches that held any of {@code eventIds}. */
    List<Post> postsOf(Set<String> eventIds) {
        return posts.stream()
                .filter(post -> post.eventIds().stream().anyMatch(eventIds::contains))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = exchange.getRequestBody().readAllBytes();
            var batch = "POST".equals(exchange.getRequestMethod())
                    && EVENTS.matcher(exchange.getRequestURI().getPath()).matches();
            if (!batch) {
                answer(exchange, forward(exchange, body));
                return;
            }
            var fault = plan.isEmpty() ? otherwise.get() : plan.poll();
            var at = System.nanoTime();
            var eventIds = eventIds(body);
            if (fault == Fault.BUSY) {
                posts.add(new Post(at, eventIds, fault, 0));
                var problem = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"rule\":\"max-concurrent-requests\"}";
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
                send(exchange, 503, problem.getBytes(StandardCharsets.UTF_8));
                return;
            }
            var response = forward(exchange, body);
            var post = new Post(at, eventIds, fault, response.statusCode());
            posts.add(post);
            switch (fault) {
                case DROP_ANSWER -> {
                    // closed before any byte of the answer: the browser sees the connection go, as on a lost signal
                }
                case HOLD_ANSWER -> {
                    var waitFor = release;
                    held.complete(post);
                    waitFor.join();
                    answer(exchange, response);
                }
                default -> answer(exchange, response);
            }
        } catch (IOException | RuntimeException e) {
            // the browser gone (killed, or the answer dropped): nothing to tell it
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        var request = HttpRequest.newBuilder(
                        api.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void answer(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, new ArrayList<>(values));
            }
        });
        send(exchange, response.statusCode(), response.body());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        // never a kept-alive connection: Chromium silently re-sends a POST whose reused connection closed without an
        // answer, and a re-send here must be the app's own
        exchange.getResponseHeaders().set("Connection", "close");
        var none = body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, none ? -1 : body.length);
        if (!none) {
            exchange.getResponseBody().write(body);
        }
    }

    private static List<String> eventIds(byte[] body) {
        var ids = new ArrayList<String>();
        try {
            var json = EventCodec.mapper().readTree(body);
            if (json.isArray()) {
                json.forEach(event -> ids.add(event.path("eventId").asString()));
            } else {
                ids.add(json.path("eventId").asString());
            }
        } catch (RuntimeException notJson) {
            // the API answers for it; no eventIds to keep
        }
        return ids;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        client.close();
        threads.shutdownNow();
    }
}
