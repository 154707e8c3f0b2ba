package org.peertracker.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventExamples;
import org.peertracker.events.EventType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events in their published form (receivedAt set, clientRef instead of a client code), written straight to the
 * topics for a rebuild: mostly outreach contacts, and some of every type of every family. Each is the contract's
 * example of its type with fresh ids, subjects, times and areas.
 */
public final class RebuildEvents {

    /** The organisation of the raw reference's documents. */
    static final String BENCH_ORG = "bench";

    /** Per mille of each type; contacts dominate, as in the field. */
    static final Map<EventType, Integer> WEIGHTS = weights();

    private final String org;
    private final Map<EventType, ObjectNode> examples = new EnumMap<>(EventType.class);
    private final EventType[] wheel;

    public RebuildEvents(String org) {
        this.org = org;
        var slots = new ArrayList<EventType>();
        WEIGHTS.forEach((type, weight) -> {
            examples.put(type, (ObjectNode) EventCodec.mapper().readTree(EventExamples.of(type)));
            for (int i = 0; i < weight; i++) {
                slots.add(type);
            }
        });
        wheel = slots.toArray(EventType[]::new);
    }

    /** One event: its topic, key and bytes. */
    public record Published(String topic, String key, byte[] value) {}

    /** An event of the mix: a type drawn by its weight. */
    Published next() {
        return next(wheel[ThreadLocalRandom.current().nextInt(wheel.length)]);
    }

    /**
     * An event of one type, with the mix's spread of subjects: 20,000 sessions and cases, 200 campaigns, 500 peers,
     * occurred in the last 90 days, in 8 areas.
     */
    public Published next(EventType type) {
        var random = ThreadLocalRandom.current();
        var event = examples.get(type).deepCopy();
        var now = Instant.now();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("orgId", org);
        event.put("peerId", "rb-p" + random.nextInt(500));
        event.put(
                "occurredAt",
                now.minusSeconds(random.nextLong(Duration.ofDays(90).toSeconds()))
                        .toString());
        event.put("receivedAt", now.toString());
        var payload = (ObjectNode) event.get("payload");
        String subject = switch (type.topic()) {
            case "tracker.outreach.v1" -> set(payload, "sessionId", "rb-s" + random.nextInt(20_000));
            case "tracker.support.v1" -> set(payload, "caseId", "rb-c" + random.nextInt(20_000));
            case "tracker.campaign.v1" -> set(payload, "campaignId", "rb-camp" + random.nextInt(200));
            default -> set(payload, "peerId", "rb-p" + random.nextInt(500));
        };
        if (payload.has("area")) {
            payload.put("area", "area-" + random.nextInt(8));
        }
        if (payload.has("referralId")) {
            payload.put("referralId", subject + "-r" + random.nextInt(3));
        }
        if (payload.has("actionId")) {
            payload.put("actionId", "rb-a" + random.nextInt(1_000_000));
        }
        if (type == EventType.OUTREACH_CONTACT_RECORDED) {
            boolean anonymous = random.nextInt(5) != 0;
            payload.put("anonymous", anonymous);
            payload.put("groupSize", 1 + random.nextInt(3));
            payload.put("newContact", random.nextInt(4) == 0);
            if (anonymous) {
                payload.remove("clientCode");
            }
        }
        if (payload.has("clientCode")) {
            // what the intake publishes instead of the code: a keyed hash, here a random one
            payload.remove("clientCode");
            var ref = new byte[32];
            random.nextBytes(ref);
            payload.put("clientRef", HexFormat.of().formatHex(ref));
        }
        return new Published(type.topic(), subject, EventCodec.mapper().writeValueAsBytes(event));
    }

    /** Writes {@code count} events of this mix (acks=all, idempotent) and returns the seconds it took. */
    public static double produce(String bootstrap, String org, long count, Consumer<String> progress) {
        var events = new RebuildEvents(org);
        return produce(bootstrap, count, events::next, progress);
    }

    /** Writes {@code count} events from {@code next} (acks=all, idempotent) and returns the seconds it took. */
    public static double produce(String bootstrap, long count, Supplier<Published> next, Consumer<String> progress) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        var failure = new AtomicReference<Exception>();
        var acked = new AtomicLong();
        long start = System.nanoTime();
        long lastReport = start;
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count && failure.get() == null; i++) {
                var event = next.get();
                producer.send(new ProducerRecord<>(event.topic(), event.key(), event.value()), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress.accept(String.format("  written %,d of %,d events", i, count));
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("writing the rebuild events failed", failure.get());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String set(ObjectNode payload, String field, String value) {
        payload.put(field, value);
        return value;
    }

    private static Map<EventType, Integer> weights() {
        var w = new LinkedHashMap<EventType, Integer>();
        w.put(EventType.OUTREACH_CONTACT_RECORDED, 800);
        w.put(EventType.OUTREACH_SESSION_STARTED, 20);
        w.put(EventType.OUTREACH_SESSION_ENDED, 10);
        w.put(EventType.OUTREACH_SIGNAL_REPORTED, 10);
        w.put(EventType.CASE_OPENED, 20);
        w.put(EventType.CASE_CONTACT_LOGGED, 30);
        w.put(EventType.CASE_REFERRAL_MADE, 10);
        w.put(EventType.CASE_REFERRAL_CLOSED, 5);
        w.put(EventType.CASE_REASSIGNED, 3);
        w.put(EventType.CASE_CLOSED, 2);
        w.put(EventType.CAMPAIGN_LAUNCHED, 2);
        w.put(EventType.CAMPAIGN_ACTION_RECORDED, 15);
        w.put(EventType.CAMPAIGN_OUTCOME_RECORDED, 3);
        w.put(EventType.CAMPAIGN_CLOSED, 1);
        w.put(EventType.PEER_JOINED, 5);
        w.put(EventType.PEER_ROLE_ASSIGNED, 5);
        w.put(EventType.PEER_ROLE_ENDED, 2);
        w.put(EventType.PEER_INVOLVEMENT_RECORDED, 40);
        w.put(EventType.PEER_TRAINING_COMPLETED, 8);
        w.put(EventType.PEER_COMPENSATION_PAID, 7);
        w.put(EventType.PEER_LEFT, 2);
        return w;
    }

    static List<EventType> types() {
        return List.copyOf(WEIGHTS.keySet());
    }
}
