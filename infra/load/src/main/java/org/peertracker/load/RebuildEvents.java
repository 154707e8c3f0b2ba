package org.peertracker.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.peertracker.events.Topics;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events in their published form (receivedAt set, clientRef instead of a client code), written straight to the
 * topics for a rebuild: mostly outreach contacts, and some of every type of every family. Each is the contract's
 * example of its type with fresh ids, subjects, times and areas.
 * <p>
 * The outreach events come in one of two {@link Order orders}: as a field logs them (the default), or each with a
 * session, an area and a time drawn anew.
 */
public final class RebuildEvents {

    /** The organisation of the raw reference's documents. */
    static final String BENCH_ORG = "bench";

    /** How outreach events follow one another on their topic. */
    public enum Order {
        /**
         * As the field logs them: {@value #OPEN_SESSIONS} sessions under way at a time, each in one area with one
         * peer, each with about {@value #CONTACTS_PER_SESSION} contacts (20,000 sessions for 500,000 contacts), the
         * clock moving forward through the 90 days; the topic interleaves the sessions under way, as the intake
         * publishes the peers' batches.
         */
        FIELD,
        /** Each event with a session, an area and a time drawn anew: no two neighbours share a document, by design. */
        UNIFORM;

        /** {@code field} or {@code uniform}. */
        public static Order of(String name) {
            return switch (name) {
                case "field" -> FIELD;
                case "uniform" -> UNIFORM;
                default -> throw new IllegalArgumentException("the order is field or uniform, not " + name);
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final int OPEN_SESSIONS = 24;
    static final int CONTACTS_PER_SESSION = 25;
    private static final int SESSIONS = 20_000;
    private static final Duration SPAN = Duration.ofDays(90);
    /** The field's clock moves this much per event: 500,000 events span the 90 days. */
    private static final long STEP_MILLIS = SPAN.toMillis() / 500_000;

    /** Per mille of each type; contacts dominate, as in the field. */
    static final Map<EventType, Integer> WEIGHTS = weights();

    private final String org;
    private final Order order;
    private final Map<EventType, ObjectNode> examples = new EnumMap<>(EventType.class);
    private final EventType[] wheel;
    private final Instant start = Instant.now().minus(SPAN);
    private final FieldSession[] underWay = new FieldSession[OPEN_SESSIONS];
    private int sessionsStarted;
    private long outreachEvents;

    /** A session under way in field order: its contacts left to come. */
    private record FieldSession(String id, String area, String peer, int left) {}

    public RebuildEvents(String org) {
        this(org, Order.FIELD);
    }

    public RebuildEvents(String org, Order order) {
        this.org = org;
        this.order = order;
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
     * occurred in the last 90 days, in 8 areas; outreach events in this mix's {@link Order}.
     */
    public Published next(EventType type) {
        var random = ThreadLocalRandom.current();
        var event = examples.get(type).deepCopy();
        var now = Instant.now();
        var session = order == Order.FIELD && type.topic().equals(Topics.OUTREACH) ? nextInField() : null;
        event.put("eventId", UUID.randomUUID().toString());
        event.put("orgId", org);
        event.put("peerId", session != null ? session.peer() : "rb-p" + random.nextInt(500));
        var occurredAt = session != null
                ? start.plusMillis(outreachEvents * STEP_MILLIS % SPAN.toMillis())
                : now.minusSeconds(random.nextLong(SPAN.toSeconds()));
        event.put("occurredAt", occurredAt.toString());
        event.put("receivedAt", now.toString());
        var payload = (ObjectNode) event.get("payload");
        String subject = switch (type.topic()) {
            case Topics.OUTREACH ->
                set(payload, "sessionId", session != null ? session.id() : "rb-s" + random.nextInt(SESSIONS));
            case Topics.SUPPORT -> set(payload, "caseId", "rb-c" + random.nextInt(20_000));
            case Topics.CAMPAIGN -> set(payload, "campaignId", "rb-camp" + random.nextInt(200));
            default -> set(payload, "peerId", "rb-p" + random.nextInt(500));
        };
        if (payload.has("area")) {
            payload.put("area", session != null ? session.area() : "area-" + random.nextInt(8));
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

    /** The session of the next outreach event in field order: one of those under way, a new one when it is done. */
    private FieldSession nextInField() {
        var random = ThreadLocalRandom.current();
        int slot = random.nextInt(OPEN_SESSIONS);
        var session = underWay[slot];
        if (session == null || session.left() == 0) {
            session = new FieldSession(
                    "rb-s" + sessionsStarted++ % SESSIONS,
                    "area-" + random.nextInt(8),
                    "rb-p" + random.nextInt(500),
                    CONTACTS_PER_SESSION / 2 + random.nextInt(CONTACTS_PER_SESSION));
        }
        underWay[slot] = new FieldSession(session.id(), session.area(), session.peer(), session.left() - 1);
        outreachEvents++;
        return session;
    }

    /** Writes {@code count} events of this mix (acks=all, idempotent) and returns the seconds it took. */
    public static double produce(String bootstrap, String org, Order order, long count, Consumer<String> progress) {
        var events = new RebuildEvents(org, order);
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
