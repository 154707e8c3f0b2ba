package org.peertracker.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * What a field app and a dashboard do over HTTP, for the tests of the running system. Unless told otherwise it
 * sends a coordinator's token of the organisation in an {@code /api/v1/orgs/{org}/...} URL, and a platform operator's token to
 * anything else (the worker's actuator).
 */
final class Client {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ORG_PATH = Pattern.compile("/api/v1/orgs/([^/?]+)");

    record Response(int status, JsonNode json) {}

    static Response post(String url, List<Event> events) {
        var body = new StringBuilder("[");
        for (int i = 0; i < events.size(); i++) {
            body.append(i == 0 ? "" : ",").append(EventCodec.write(events.get(i)));
        }
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())));
    }

    static Response postRaw(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static JsonNode get(String url) {
        var response = send(HttpRequest.newBuilder(URI.create(url)).GET());
        if (response.status() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.status() + ": " + response.json());
        }
        return response.json();
    }

    /** Sends with the default token for the URL (see the class comment). */
    static Response send(HttpRequest.Builder request) {
        var built = request.timeout(Duration.ofSeconds(30)).build();
        return sendAs(defaultToken(built.uri()), HttpRequest.newBuilder(built, (name, value) -> true));
    }

    /** Sends with {@code token} as the bearer token, or with none when it is null. */
    static Response sendAs(String token, HttpRequest.Builder request) {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        try {
            var response =
                    HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            var body = response.body().isEmpty() ? null : EventCodec.mapper().readTree(response.body());
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String defaultToken(URI uri) {
        var org = ORG_PATH.matcher(uri.getPath());
        return org.find()
                ? TestTokens.shared().coordinator(org.group(1))
                : TestTokens.shared().operator();
    }

    private Client() {}
}
