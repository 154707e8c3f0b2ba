package org.peertracker.api.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peertracker.api.security.Caller;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this API instance, per organisation. Every instance reads every notification of
 * {@code tracker.view-changes} (a consumer group of its own, from the latest record), and passes each to the
 * streams of the notification's organisation only. Analysts learn which view changed, not which documents.
 */
@Component
class LiveStreams implements SmartLifecycle {

    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private record Stream(Caller caller, SseEmitter emitter) {
    }

    /** The notification as the worker publishes it. */
    record ViewChange(String view, List<String> ids, String orgId) {
    }

    private final Map<String, List<Stream>> byOrg = new ConcurrentHashMap<>();
    private volatile boolean running;

    SseEmitter open(Caller caller) {
        var emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        var stream = new Stream(caller, emitter);
        var streams = byOrg.computeIfAbsent(caller.orgId(), org -> new CopyOnWriteArrayList<>());
        streams.add(stream);
        Runnable close = () -> streams.remove(stream);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        send(stream, SseEmitter.event().name("ready").data(Map.of("orgId", caller.orgId()), MediaType.APPLICATION_JSON));
        return emitter;
    }

    @KafkaListener(topics = Topics.VIEW_CHANGES, groupId = "tracker-api-live-${random.uuid}", properties = {
            "auto.offset.reset=latest",
            "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
            "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer"})
    void on(String notification) {
        ViewChange change;
        try {
            change = EventCodec.mapper().readValue(notification, ViewChange.class);
        } catch (RuntimeException e) {
            log.debug("an unreadable view-change notification was skipped");
            return;
        }
        for (var stream : byOrg.getOrDefault(change.orgId(), List.of())) {
            var shown = stream.caller().is(Caller.Role.ANALYST) ? new ViewChange(change.view(), List.of(), change.orgId())
                    : change;
            send(stream, SseEmitter.event().name("view-change").data(shown, MediaType.APPLICATION_JSON));
        }
    }

    /** A comment every 15 s keeps proxies from closing an idle stream and tells a gone client from a quiet one. */
    @Scheduled(fixedRate = 15_000)
    void heartbeat() {
        byOrg.values().forEach(streams -> streams.forEach(stream -> send(stream, SseEmitter.event().comment("heartbeat"))));
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream before the web server's graceful shutdown, which would otherwise wait for them;
     * browsers reconnect to another instance, or to this one when it is back.
     */
    @Override
    public void stop() {
        running = false;
        byOrg.values().forEach(streams -> streams.forEach(stream -> stream.emitter().complete()));
        byOrg.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void send(Stream stream, SseEmitter.SseEventBuilder event) {
        try {
            stream.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            stream.emitter().completeWithError(e);
            byOrg.getOrDefault(stream.caller().orgId(), List.of()).remove(stream);
        }
    }
}
