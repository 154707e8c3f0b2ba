package org.peertracker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.events.Materials;
import org.peertracker.events.SignalReported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-test equivalent of {@code kill -9} in the middle of a stream: the projections stop while events keep
 * arriving, and resume from what MongoDB says; then every family's views must equal a rebuild from offset 0.
 */
class InterruptedWorkerIT extends ProjectionITSupport {

    private static final Logger log = LoggerFactory.getLogger(InterruptedWorkerIT.class);
    private static final int EVENTS = 2_000;
    private static final int CHUNK = 25;
    private static final Instant MONDAY = Instant.parse("2026-10-05T07:00:00Z");

    @Test
    void losesNoEventAndCountsNoneTwiceWhenTheProjectionsStopAbruptlyMidStream() throws Exception {
        var orgs = List.of(newOrg(), newOrg());
        var stream = stream(orgs, new Random(42));
        var stopNow = new CountDownLatch(1);
        var stopped = new CountDownLatch(1);
        var startNow = new CountDownLatch(1);
        var publisher = Executors.newSingleThreadExecutor();
        var publishing = publisher.submit(() -> {
            for (int from = 0; from < stream.size(); from += CHUNK) {
                publish(stream.subList(from, Math.min(stream.size(), from + CHUNK)));
                if (from == 500) {
                    stopNow.countDown();
                } else if (from == 1_000) {
                    stopped.await(60, TimeUnit.SECONDS);
                } else if (from == 1_500) {
                    startNow.countDown();
                }
            }
            return null;
        });
        try {
            assertThat(stopNow.await(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(PATIENCE)
                    .until(() -> !documents(physical("activity_log"), orgs.getFirst())
                            .isEmpty());
            projections.stop();
            log.info("projections stopped {} records behind the stream", backlog());
            // a kill -9 may strike after the views were written and before the positions were: the next run reads
            // those records again, so every stored position is set back a little
            var random = new Random(7);
            setPositionsBack(Filters.empty(), () -> random.nextInt(30));
            stopped.countDown();

            assertThat(startNow.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(backlog())
                    .as("records published while the projections were down")
                    .isGreaterThanOrEqualTo(500);
            projections.start();
            publishing.get(60, TimeUnit.SECONDS);
        } finally {
            stopped.countDown();
            publisher.shutdownNow();
        }
        awaitCaughtUp();

        for (var org : orgs) {
            assertEveryEventCountedOnce(
                    org, stream.stream().filter(e -> e.orgId().equals(org)).toList());
        }

        var live = new HashMap<String, Map<String, List<Document>>>();
        for (var family : projections.families()) {
            for (var org : orgs) {
                live.put(family + "/" + org, snapshot(family, org));
            }
        }
        rebuild(projections.families().toArray(String[]::new));
        for (var family : projections.families()) {
            for (var org : orgs) {
                assertThat(snapshot(family, org))
                        .as("%s of %s after a rebuild", family, org)
                        .isEqualTo(live.get(family + "/" + org));
            }
        }
    }

    private void assertEveryEventCountedOnce(String org, List<Event> published) {
        var events = new LinkedHashMap<String, Event>();
        published.forEach(e -> events.put(e.eventId().toString(), e));
        var contacts = payloads(events.values(), ContactRecorded.class);
        var caseContacts = payloads(events.values(), CaseContactLogged.class);
        var actions = payloads(events.values(), ActionRecorded.class);
        var involvements = payloads(events.values(), InvolvementRecorded.class);
        var signals = payloads(events.values(), SignalReported.class);
        assertThat(published.size()).as("some events were sent twice").isGreaterThan(events.size());

        assertThat(documents(physical("activity_log"), org)).hasSize(events.size());
        assertThat(sum(documents(physical("involvement_monthly"), org), "activities"))
                .isEqualTo(events.size());

        var daily = documents(physical("outreach_daily"), org);
        assertThat(sum(daily, "contacts")).isEqualTo(contacts.size());
        assertThat(sum(daily, "peopleReached"))
                .isEqualTo(
                        contacts.stream().mapToLong(ContactRecorded::groupSize).sum());
        assertThat(sum(daily, "materials.syringes"))
                .isEqualTo(contacts.stream()
                        .mapToLong(c -> c.materials().syringes())
                        .sum());
        assertThat(sum(daily, "signals")).isEqualTo(signals.size());
        assertThat(sum(documents(physical("outreach_sessions"), org), "contacts"))
                .isEqualTo(contacts.size());
        assertThat(documents(physical("outreach_signals"), org)).hasSize(signals.size());

        var cases = documents(physical("support_cases"), org);
        assertThat(sum(cases, "contacts")).isEqualTo(caseContacts.size());
        assertThat(sum(cases, "minutes"))
                .isEqualTo(caseContacts.stream()
                        .mapToLong(CaseContactLogged::minutes)
                        .sum());
        var caseload = documents(physical("support_caseload"), org);
        assertThat(sum(caseload, "contacts")).isEqualTo(caseContacts.size());
        assertThat(sum(caseload, "minutes"))
                .isEqualTo(caseContacts.stream()
                        .mapToLong(CaseContactLogged::minutes)
                        .sum());

        var campaigns = documents(physical("campaigns"), org);
        assertThat(sum(campaigns, "actions")).isEqualTo(actions.size());
        assertThat(sum(campaigns, "participants"))
                .isEqualTo(
                        actions.stream().mapToLong(ActionRecorded::participants).sum());

        var hours =
                involvements.stream().mapToDouble(InvolvementRecorded::hours).sum();
        assertThat(documents(physical("peers"), org).stream()
                        .mapToDouble(doc -> decimal(doc, "hours"))
                        .sum())
                .isEqualTo(hours);
        assertThat(documents(physical("involvement_monthly"), org).stream()
                        .mapToDouble(doc -> decimal(doc, "hours"))
                        .sum())
                .isEqualTo(hours);
    }

    /** Records of the families' topics not yet projected, over all families. */
    private long backlog() {
        long behind = 0;
        for (var family : projections.families()) {
            var ends = endOffsets(projections.projector(family).topics());
            var stored = positions.of(generations.current(family).key(), ends.keySet());
            behind += ends.entrySet().stream()
                    .mapToLong(e -> e.getValue() - stored.getOrDefault(e.getKey(), 0L))
                    .sum();
        }
        return behind;
    }

    private static <P> List<P> payloads(Collection<Event> events, Class<P> type) {
        return events.stream()
                .map(Event::payload)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /**
     * Two organisations' field work over a week, on every topic: outreach contacts and signals, case contacts,
     * campaign actions and involvement hours; about one event in fifty is sent a second time.
     */
    private static List<Event> stream(List<String> orgs, Random random) {
        var events = new ArrayList<Event>(EVENTS);
        var sent = new LinkedHashSet<Event>();
        while (events.size() < EVENTS) {
            if (!sent.isEmpty() && random.nextInt(50) == 0) {
                events.add(new ArrayList<>(sent).get(random.nextInt(sent.size())));
                continue;
            }
            var org = orgs.get(random.nextInt(orgs.size()));
            var peer = "peer-" + random.nextInt(5);
            var at = MONDAY.plusSeconds(events.size() * 300L);
            var event = switch (random.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5, 6 ->
                    event(
                            org,
                            peer,
                            at,
                            new ContactRecorded(
                                    "session-" + random.nextInt(8),
                                    List.of("noord", "zuid", "oost").get(random.nextInt(3)),
                                    true,
                                    null,
                                    null,
                                    1 + random.nextInt(3),
                                    random.nextBoolean(),
                                    new Materials(random.nextInt(10), random.nextInt(5), random.nextInt(2), 0, 0, 0, 1),
                                    List.of()));
                case 7 ->
                    event(
                            org,
                            peer,
                            at,
                            new SignalReported(
                                    "session-" + random.nextInt(8),
                                    "adverse-reaction",
                                    "zuid",
                                    "medium",
                                    "several people unwell after the same batch"));
                case 8, 9, 10, 11, 12 ->
                    event(
                            org,
                            peer,
                            at,
                            new CaseContactLogged(
                                    "case-" + random.nextInt(8),
                                    List.of("in-person", "phone", "online").get(random.nextInt(3)),
                                    5 + random.nextInt(56),
                                    List.of()));
                case 13, 14, 15 ->
                    event(
                            org,
                            peer,
                            at,
                            new ActionRecorded(
                                    "campaign-" + random.nextInt(3),
                                    "act-" + events.size(),
                                    "social-media",
                                    "Utrecht",
                                    1 + random.nextInt(20),
                                    random.nextInt(500),
                                    0));
                default ->
                    event(
                            org,
                            peer,
                            at,
                            new InvolvementRecorded(
                                    "peer-" + random.nextInt(5),
                                    "advocating",
                                    "city-council",
                                    "consulted",
                                    0.25 * (1 + random.nextInt(12))));
            };
            events.add(event);
            sent.add(event);
        }
        return events;
    }
}
