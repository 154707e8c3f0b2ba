package org.peertracker.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.peertracker.events.EventCodec;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for tests against the API on a random port, with a bearer token or without one. */
public final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    public Http(int port) {
        this("http://localhost:" + port, null);
    }

    private Http(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same client sending {@code Authorization: Bearer token}. */
    public Http as(String bearerToken) {
        return new Http(base, bearerToken);
    }

    public record Response(int status, String contentType, String body, HttpHeaders headers) {

        public JsonNode json() {
            return EventCodec.mapper().readTree(body);
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String body) {
        return post(path, "application/json", body);
    }

    public Response post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A JSON POST with extra headers, e.g. {@code Accept-Language}. */
    public Response postJson(String path, String body, String... headers) {
        var request = request(path).header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request with extra headers, e.g. a browser's {@code Origin}. */
    public Response send(String method, String path, String... headers) {
        var request = request(path).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Opens the event stream at {@code path} as a page does; a stream granted is closed at once, with an empty body. */
    public Response openStream(String path) {
        return send(
                request(path).header("Accept", "text/event-stream").GET(),
                HttpResponse.BodyHandlers.ofInputStream(),
                response -> {
                    try (var body = response.body()) {
                        return response.statusCode() == 200
                                ? ""
                                : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    }
                });
    }

    private HttpRequest.Builder request(String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static Response send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString(), HttpResponse::body);
    }

    /** How an answer's body becomes the text of a {@link Response}. */
    private interface BodyText<T> {
        String of(HttpResponse<T> response) throws IOException;
    }

    private static <T> Response send(
            HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, BodyText<T> text) {
        try {
            var response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), handler);
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    text.of(response),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
