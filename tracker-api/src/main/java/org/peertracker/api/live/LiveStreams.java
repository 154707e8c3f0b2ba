package org.peertracker.api.live;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.peertracker.api.security.Caller;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.peertracker.views.ViewChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this API instance, per organisation. Every instance reads every notification of
 * {@code tracker.view-changes} (a consumer group of its own, from the latest record), and queues each to the
 * streams of the notification's organisation only; each stream sends on its own thread ({@link LiveStream}).
 * Analysts learn which view changed, not which documents. Streams are capped per organisation and per token
 * subject, and end when their token expires.
 */
@Component
class LiveStreams implements SmartLifecycle {

    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
    private static final Set<DataWithMediaType> HEARTBEAT =
            SseEmitter.event().comment("heartbeat").build();

    private final LiveProperties properties;
    private final Clock clock;
    /** Guarded by itself: opening and ending are rare, and a cap must be checked and taken at once. */
    private final Map<String, List<LiveStream>> byOrg = new HashMap<>();

    private volatile boolean running;

    LiveStreams(LiveProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** A stream for the caller, sent as Server-Sent Events; over a cap, a 429 problem naming it. */
    SseEmitter open(Caller caller) {
        var emitter = new SseEmitter(lifetime(caller).toMillis());
        var stream = open(caller, new EmitterSink(emitter));
        emitter.onCompletion(stream::end);
        emitter.onError(e -> stream.end());
        emitter.onTimeout(() -> {
            stream.end();
            // completed here, so that a timeout ends the response quietly rather than as an error
            emitter.complete();
        });
        return emitter;
    }

    /** Registers a stream over any sink, within the caps, and queues its {@code ready}. */
    LiveStream open(Caller caller, LiveStream.Sink sink) {
        LiveStream stream;
        synchronized (byOrg) {
            var streams = byOrg.computeIfAbsent(caller.orgId(), org -> new ArrayList<>());
            var subject = streams.stream()
                    .filter(s -> Objects.equals(s.caller().subject(), caller.subject()))
                    .count();
            if (subject >= properties.maxStreamsPerSubject()) {
                throw tooMany(
                        "max-streams-per-subject",
                        "At most " + properties.maxStreamsPerSubject()
                                + " live streams may be open per token subject; close one or try again later.");
            }
            if (streams.size() >= properties.maxStreamsPerOrg()) {
                throw tooMany(
                        "max-streams-per-org",
                        "At most " + properties.maxStreamsPerOrg()
                                + " live streams may be open per organisation; try again later.");
            }
            stream = new LiveStream(caller, sink, properties.queueCapacity(), this::remove);
            streams.add(stream);
        }
        stream.start()
                .offer(SseEmitter.event()
                        .name("ready")
                        .data(Map.of("orgId", caller.orgId()), MediaType.APPLICATION_JSON)
                        .build());
        return stream;
    }

    /** The 30-minute lifetime, cut short by the token's expiry: a stream outlives no token. */
    Duration lifetime(Caller caller) {
        if (caller.expiresAt() == null) {
            return STREAM_LIFETIME;
        }
        var left = Duration.between(clock.instant(), caller.expiresAt());
        // at least a millisecond: an async timeout of 0 would mean none at all
        return left.compareTo(STREAM_LIFETIME) < 0 ? Duration.ofMillis(Math.max(1, left.toMillis())) : STREAM_LIFETIME;
    }

    @KafkaListener(
            topics = Topics.VIEW_CHANGES,
            groupId = "tracker-api-live-${random.uuid}",
            properties = {
                "auto.offset.reset=latest",
                "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer"
            })
    void on(String notification) {
        ViewChange change;
        try {
            change = EventCodec.mapper().readValue(notification, ViewChange.class);
        } catch (RuntimeException e) {
            log.debug("an unreadable view-change notification was skipped");
            return;
        }
        var streams = streamsOf(change.orgId());
        if (streams.isEmpty()) {
            return;
        }
        var full = viewChange(change);
        var withoutIds = viewChange(new ViewChange(change.view(), List.of(), change.orgId()));
        streams.forEach(stream -> stream.offer(stream.caller().is(Caller.Role.ANALYST) ? withoutIds : full));
    }

    /** A comment every 15 s keeps proxies from closing an idle stream and tells a gone client from a quiet one. */
    @Scheduled(fixedRate = 15_000)
    void heartbeat() {
        all().forEach(stream -> stream.offer(HEARTBEAT));
    }

    /** How many streams are open, of every organisation. */
    int count() {
        return all().size();
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
        all().forEach(LiveStream::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private List<LiveStream> streamsOf(String org) {
        synchronized (byOrg) {
            return List.copyOf(byOrg.getOrDefault(org, List.of()));
        }
    }

    private List<LiveStream> all() {
        synchronized (byOrg) {
            return byOrg.values().stream().flatMap(List::stream).toList();
        }
    }

    private void remove(LiveStream stream) {
        synchronized (byOrg) {
            var streams = byOrg.get(stream.caller().orgId());
            if (streams != null && streams.remove(stream) && streams.isEmpty()) {
                byOrg.remove(stream.caller().orgId());
            }
        }
    }

    private static Set<DataWithMediaType> viewChange(ViewChange change) {
        return SseEmitter.event()
                .name("view-change")
                .data(change, MediaType.APPLICATION_JSON)
                .build();
    }

    private RequestProblem tooMany(String rule, String detail) {
        return new RequestProblem(
                HttpStatus.TOO_MANY_REQUESTS, "Too many live streams", detail, null, rule, properties.retryAfter());
    }

    /** The response of a stream. */
    private record EmitterSink(SseEmitter emitter) implements LiveStream.Sink {

        @Override
        public void send(Set<DataWithMediaType> event) throws IOException {
            emitter.send(event);
        }

        @Override
        public void complete() {
            emitter.complete();
        }
    }
}
