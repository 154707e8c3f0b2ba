package org.peertracker.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import tools.jackson.databind.JsonNode;

/** What a field app and a dashboard do over HTTP, for the tests of the running system. */
final class Client {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, JsonNode json) {
    }

    static Response post(String url, List<Event> events) {
        var body = new StringBuilder("[");
        for (int i = 0; i < events.size(); i++) {
            body.append(i == 0 ? "" : ",").append(EventCodec.write(events.get(i)));
        }
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())));
    }

    static Response postRaw(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static JsonNode get(String url) {
        var response = send(HttpRequest.newBuilder(URI.create(url)).GET());
        if (response.status() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.status() + ": " + response.json());
        }
        return response.json();
    }

    static Response send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            var body = response.body().isEmpty() ? null : EventCodec.mapper().readTree(response.body());
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Client() {
    }
}
