package org.peertracker.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.CaseClosed;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.CaseReassigned;
import org.peertracker.events.CompensationPaid;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.EventAmended;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventType;
import org.peertracker.events.EventVoided;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.events.Materials;
import org.peertracker.events.OutcomeRecorded;
import org.peertracker.events.Payload;
import org.peertracker.events.PeerJoined;
import org.peertracker.events.ReferralClosed;
import org.peertracker.events.ReferralMade;
import org.peertracker.events.SessionEnded;
import org.peertracker.events.SessionStarted;
import org.peertracker.events.SignalReported;
import org.peertracker.events.Submitter;
import org.peertracker.events.TrainingCompleted;
import org.peertracker.views.Applied;
import org.peertracker.worker.mongo.CorrectionLog;
import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.GuardedWriter;
import org.peertracker.worker.projection.BatchTraces;
import org.peertracker.worker.projection.ProjectionListener;
import org.peertracker.worker.projection.ProjectionMeters;
import org.peertracker.worker.projection.ProjectionStore;
import org.peertracker.worker.projection.ProjectionTarget;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Corrections never depend on order: random days of work with random voids and amendments (by coordinators, by the
 * peer whose event it is and by another, inside and outside the correction window, some before their target),
 * delivered in random orders with re-sends and re-deliveries, end in the same views as the "effective" events alone
 * (computed here by a model of the rules of its own, not the pipeline's), and as another random order.
 * <p>
 * The pipeline is driven record by record as Kafka would feed it, each record on the partition its key hashes to,
 * into a generation of its own, with the projectors of the worker and real MongoDB; without Kafka, so that many
 * seeds run in seconds.
 */
class CorrectionsPropertyIT extends ProjectionITSupport {

    static final Duration WINDOW = Duration.ofDays(7);
    static final Instant DAY = Instant.parse("2026-11-10T18:00:00Z");
    static final List<String> PEERS = List.of("p1", "p2", "p3");
    static final int PARTITIONS = 6;
    static final int GENERATION = 700;

    @Autowired
    GuardedWriter writer;

    @Autowired
    EventClaims claims;

    @Autowired
    CorrectionLog corrections;

    static List<Object[]> seeds() {
        var seeds = new ArrayList<Object[]>();
        for (var family : List.of("support", "outreach", "campaign", "involvement")) {
            for (long seed = 1; seed <= 20; seed++) {
                seeds.add(new Object[] {family, seed});
            }
        }
        return seeds;
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("seeds")
    void endsInTheViewsOfTheEffectiveEventsWhateverTheOrderRedeliveriesAndResends(String family, long seed) {
        var random = new Random(seed);
        var logged = new Day(random).events();
        var effective = Model.effective(logged);

        var first = project(family, shuffled(logged, random, true));
        var second = project(family, shuffled(logged, random, true));
        var reference = project(family, effective);

        assertThat(first)
                .as("seed %d: the logged events, corrections applied", seed)
                .isEqualTo(reference);
        assertThat(second).as("seed %d: another order", seed).isEqualTo(reference);
    }

    /** A day of one small organisation: cases, sessions, a campaign, involvement; then corrections of it. */
    static final class Day {

        private final Random random;
        private final List<Event> events = new ArrayList<>();
        private int minute;

        Day(Random random) {
            this.random = random;
        }

        List<Event> events() {
            for (int i = 0; i < 36; i++) {
                events.add(event(pick(PEERS), payload()));
            }
            var targets = List.copyOf(events);
            for (int i = 0; i < 14; i++) {
                var target = targets.get(random.nextInt(targets.size()));
                events.add(correction(target));
            }
            return events;
        }

        private Payload payload() {
            var caseId = "case-" + random.nextInt(3);
            var session = "s-" + random.nextInt(2);
            var peer = pick(PEERS);
            return switch (random.nextInt(17)) {
                case 0 -> new CaseOpened(caseId, null, ref(), List.of(pick(List.of("housing", "detox"))), "self");
                case 1, 2 ->
                    new CaseContactLogged(
                            caseId, pick(List.of("phone", "in-person")), 5 * (1 + random.nextInt(6)), List.of());
                case 3 -> new ReferralMade(caseId, "r-" + random.nextInt(2), pick(List.of("housing", "detox")));
                case 4 -> new ReferralClosed(caseId, "r-" + random.nextInt(2), pick(List.of("attended", "declined")));
                case 5 -> new CaseClosed(caseId, pick(List.of("goals-met", "lost-contact")));
                case 6 -> new CaseReassigned(caseId, peer);
                case 7 ->
                    new SessionStarted(session, pick(List.of("oost", "west")), pick(List.of("street", "drop-in")));
                case 8, 9 -> contact(session);
                case 10 -> new SignalReported(session, "new-substance", pick(List.of("oost", "west")), "high", "pills");
                case 11 -> new SessionEnded(session);
                case 12 ->
                    new CampaignLaunched(
                            "k-1",
                            pick(List.of("Naloxone", "Housing first")),
                            "a goal",
                            LocalDate.of(2026, 11, 1),
                            null);
                case 13 ->
                    new ActionRecorded(
                            "k-1",
                            "a-" + random.nextInt(3),
                            pick(List.of("media", "petition")),
                            "Utrecht",
                            random.nextInt(20),
                            random.nextInt(500),
                            random.nextInt(4));
                case 14 -> new OutcomeRecorded("k-1", pick(List.of("local", "national")), "an outcome");
                case 15 ->
                    random.nextBoolean()
                            ? new PeerJoined(peer, List.of("peer-support"), pick(List.of("integrated", "autonomous")))
                            : new TrainingCompleted(peer, "naloxone", 0.25 * (1 + random.nextInt(8)));
                default ->
                    random.nextBoolean()
                            ? new InvolvementRecorded(
                                    peer,
                                    pick(List.of("advocating", "educating")),
                                    "council",
                                    pick(List.of("consulted", "leading")),
                                    0.25 * (1 + random.nextInt(8)))
                            : new CompensationPaid(peer, new BigDecimal("12.50"), "EUR", "voucher", "advocating");
            };
        }

        private ContactRecorded contact(String session) {
            return new ContactRecorded(
                    session,
                    pick(List.of("oost", "west")),
                    true,
                    null,
                    null,
                    1 + random.nextInt(3),
                    random.nextBoolean(),
                    new Materials(random.nextInt(10), random.nextInt(10), random.nextInt(2), 0, 0, 0, 0),
                    List.of());
        }

        /** A void or an amendment, by a coordinator or a peer, sent soon or too late. */
        private Event correction(Event target) {
            var coordinator = random.nextInt(3) == 0;
            var by = coordinator
                    ? new Submitter("coordinator", "c-1", null)
                    : new Submitter("peer", "sub", random.nextInt(4) == 0 ? pick(PEERS) : target.peerId());
            var late = random.nextInt(5) == 0;
            var receivedAt =
                    target.receivedAt().plus(late ? WINDOW.plusHours(1) : Duration.ofMinutes(random.nextInt(600)));
            Payload payload;
            if (random.nextInt(3) == 0) {
                payload = new EventVoided(
                        target.eventId(), target.type(), target.payload().subject(), "entered-in-error", null);
            } else {
                // the same subject, other figures
                var corrected = new Day(random).payloadAbout(target.payload());
                payload = new EventAmended(target.eventId(), target.type(), "entered-in-error", corrected);
            }
            var type = EventType.of(payload);
            return new Event(
                    UUID.randomUUID(),
                    type.token(),
                    type.version(),
                    target.orgId(),
                    by.peerId() != null ? by.peerId() : target.peerId(),
                    null,
                    null,
                    receivedAt.minusSeconds(30),
                    receivedAt,
                    by,
                    payload);
        }

        /** Another payload of the same type about the same subject, drawn until it is one. */
        Payload payloadAbout(Payload original) {
            for (int i = 0; i < 500; i++) {
                var candidate = payload();
                if (candidate.getClass() == original.getClass()
                        && candidate.subject().equals(original.subject())) {
                    return candidate;
                }
            }
            return original;
        }

        private Event event(String peer, Payload payload) {
            minute += 1 + random.nextInt(20);
            var type = EventType.of(payload);
            var at = DAY.plus(Duration.ofMinutes(minute));
            var role = type.isCoordinatorOnly() ? "coordinator" : "peer";
            return new Event(
                    UUID.randomUUID(),
                    type.token(),
                    type.version(),
                    "org",
                    peer,
                    null,
                    null,
                    at,
                    at.plusSeconds(random.nextInt(3600)),
                    new Submitter(role, peer, role.equals("peer") ? peer : null),
                    payload);
        }

        private String ref() {
            return "%064x".formatted(random.nextInt(3));
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /**
     * The rules of corrections, as the contract states them, written again here so that the pipeline is checked
     * against them rather than against itself: a void or amendment applies when a coordinator sent it, or the
     * event's own peer within the window and not of a coordinator's type; a void wins; else the latest amendment.
     */
    static final class Model {

        static List<Event> effective(List<Event> logged) {
            var byTarget = new HashMap<UUID, List<Event>>();
            logged.stream()
                    .filter(e -> e.type().startsWith("event."))
                    .forEach(c -> byTarget.computeIfAbsent(target(c), t -> new ArrayList<>())
                            .add(c));
            var effective = new ArrayList<Event>();
            for (var event : logged) {
                if (event.type().startsWith("event.")) {
                    continue;
                }
                var applying = byTarget.getOrDefault(event.eventId(), List.of()).stream()
                        .filter(c -> mayCorrect(c, event))
                        .toList();
                if (applying.stream().anyMatch(c -> c.type().equals("event.voided"))) {
                    continue;
                }
                effective.add(applying.stream()
                        .max(Comparator.comparing(Event::occurredAt)
                                .thenComparing(c -> c.eventId().toString()))
                        .map(c -> event.withPayload(((EventAmended) c.payload()).payload()))
                        .orElse(event));
            }
            return effective;
        }

        private static boolean mayCorrect(Event correction, Event target) {
            var by = correction.submittedBy();
            if (by.role().equals("coordinator")) {
                return true;
            }
            var coordinatorTypes = Set.of(
                    "case.reassigned",
                    "peer.joined",
                    "peer.left",
                    "peer.role-assigned",
                    "peer.role-ended",
                    "peer.compensation-paid");
            return by.peerId().equals(target.peerId())
                    && !coordinatorTypes.contains(target.type())
                    && !correction.receivedAt().isAfter(target.receivedAt().plus(WINDOW));
        }

        private static UUID target(Event correction) {
            return correction.payload() instanceof EventVoided v
                    ? v.targetEventId()
                    : ((EventAmended) correction.payload()).targetEventId();
        }
    }

    /**
     * The events in another order (a correction may come before its target: phones sync late), with some sent again
     * later (a re-send, a record of its own) when {@code messy}.
     */
    static List<Event> shuffled(List<Event> events, Random random, boolean messy) {
        var order = new ArrayList<>(events);
        Collections.shuffle(order, random);
        if (messy) {
            for (int i = 0; i < 5; i++) {
                order.add(random.nextInt(order.size()), order.get(random.nextInt(order.size())));
            }
        }
        return order;
    }

    /**
     * Feeds the events, as records on the partitions their keys hash to, to a listener of the family's projector in
     * a generation of its own, in batches of random size and partitions interleaved, with some batches delivered
     * twice; answers the family's documents of a fresh organisation, without bookkeeping.
     */
    private Map<String, List<Document>> project(String family, List<Event> events) {
        var org = newOrg();
        var random = new Random(events.size() * 31L + org.hashCode());
        var projector = projections.projector(family);
        var target = new ProjectionTarget(family, GENERATION);
        var listener = new ProjectionListener(
                projector,
                target,
                new ProjectionStore(database, writer, positions, claims, corrections, WINDOW),
                null,
                () -> true,
                null,
                ProjectionMeters.of(new SimpleMeterRegistry(), family, false),
                BatchTraces.NONE);
        var byPartition = new LinkedHashMap<Integer, List<ConsumerRecord<String, byte[]>>>();
        for (var event : events) {
            var ours = rename(event, org);
            var topic = ours.topic();
            int partition = Math.floorMod(ours.key().hashCode(), PARTITIONS);
            var records = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
            if (projector.topics().contains(topic)) {
                records.add(new ConsumerRecord<>(
                        topic, partition, records.size(), ours.key(), EventCodec.writeBytes(ours)));
            }
        }
        var cursors = new HashMap<Integer, Integer>();
        while (byPartition.entrySet().stream()
                .anyMatch(
                        p -> cursors.getOrDefault(p.getKey(), 0) < p.getValue().size())) {
            var open = byPartition.entrySet().stream()
                    .filter(p ->
                            cursors.getOrDefault(p.getKey(), 0) < p.getValue().size())
                    .toList();
            var partition = open.get(random.nextInt(open.size()));
            int from = cursors.getOrDefault(partition.getKey(), 0);
            int to = Math.min(partition.getValue().size(), from + 1 + random.nextInt(6));
            var batch = partition.getValue().subList(from, to);
            listener.onMessage(batch);
            if (random.nextInt(4) == 0) {
                // a re-delivery (a worker that wrote the batch and stopped before its position was kept, or lost its
                // partitions): the same records once more, with those that came after them
                int again = Math.min(partition.getValue().size(), to + random.nextInt(4));
                listener.onMessage(partition.getValue().subList(from, again));
                to = again;
            }
            cursors.put(partition.getKey(), to);
        }
        var views = new LinkedHashMap<String, List<Document>>();
        for (var view : projector.views()) {
            var docs = new ArrayList<Document>();
            database.getCollection(target.collection(view))
                    .find(new Document("_id", new Document("$regex", "^" + Pattern.quote(org + "|"))))
                    .sort(new Document("_id", 1))
                    .forEach(doc -> {
                        doc.remove(Applied.FIELD);
                        docs.add(sets(Document.parse(doc.toJson().replace(org, "org"))));
                    });
            views.put(view, docs);
        }
        return views;
    }

    /**
     * The document with its lists sorted: they are sets ({@code $addToSet}), kept in the order their members arrived,
     * which readers do not rely on.
     */
    @SuppressWarnings("rawtypes")
    private static Document sets(Document doc) {
        doc.replaceAll((field, value) -> {
            if (value instanceof Document nested) {
                return sets(nested);
            }
            if (value instanceof List list) {
                var sorted = new ArrayList<Object>(list);
                sorted.sort(Comparator.comparing(v -> v instanceof Document d ? d.toJson() : String.valueOf(v)));
                return sorted;
            }
            return value;
        });
        return doc;
    }

    /** The event in another organisation, same ids otherwise. */
    private static Event rename(Event event, String org) {
        return EventCodec.read(EventCodec.write(event).replace("\"orgId\":\"org\"", "\"orgId\":\"" + org + "\""));
    }
}
