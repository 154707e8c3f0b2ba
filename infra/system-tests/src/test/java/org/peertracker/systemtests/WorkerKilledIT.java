package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.Event;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * The worker killed with SIGKILL in the middle of a stream and started again: every event that got a 202 is in
 * the activity log exactly once, and every view equals a from-scratch rebuild of it.
 */
class WorkerKilledIT {

    final StackUnderTest stack = StackUnderTest.get();

    @Test
    void endsWithViewsEqualToAFromScratchRebuildAfterAKillMidStream() throws Exception {
        var org = EndToEndIT.org();
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> contacts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        var stop = new AtomicBoolean();
        var field = CompletableFuture.runAsync(() -> {
            List<Event> previous = List.of();
            for (int batch = 0; !stop.get() && batch < 400; batch++) {
                var events = batch(org, batch, previous);
                var response = Client.post(stack.api() + "/api/v1/orgs/" + org + "/events", events);
                if (response.status() == 202) {
                    var results = response.json().path("results");
                    for (int i = 0; i < events.size(); i++) {
                        if (results.get(i).path("status").asString().equals("accepted")) {
                            var id = events.get(i).eventId().toString();
                            acknowledged.add(id);
                            if (events.get(i).type().equals("outreach.contact-recorded")) {
                                contacts.add(id);
                            }
                        }
                    }
                }
                previous = events;
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> activityLogCount(org) >= 300);
        stack.killWorker();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= activityLogCount(org) + 200);
        stack.startWorker();
        stop.set(true);
        field.get();

        LoggedEvents.awaitEqualTo(
                acknowledged,
                () -> LoggedEvents.of(TestInfrastructure.mongoUri(), stack.database, org),
                Duration.ofSeconds(120));

        var live = figures(org);
        for (var family : List.of("outreach", "support", "involvement", "activity")) {
            rebuild(family);
        }
        assertThat(figures(org)).isEqualTo(live);
        assertThat(live.get(0)
                        .path("days")
                        .valueStream()
                        .mapToLong(d -> d.path("contacts").asLong())
                        .sum())
                .isEqualTo(contacts.size());
    }

    /** 20 new events (contacts in two areas, case contacts, involvement) and one of the previous batch re-sent. */
    private static List<Event> batch(String org, int batch, List<Event> previous) {
        var at = Instant.now().minusSeconds(60);
        var events = new ArrayList<Event>();
        if (batch == 0) {
            events.add(SampleEvents.event(
                    org, "p1", at, new CaseOpened("c1", "ABCD1990Q", null, List.of("housing"), "self")));
        }
        for (int i = 0; i < 5; i++) {
            events.add(SampleEvents.event(
                    org,
                    "p" + i,
                    at,
                    SampleEvents.anonymousContact(
                            "s" + (batch % 7), "oost", 1 + i % 3, i == 0, SampleEvents.syringes(i))));
            events.add(SampleEvents.event(
                    org, "p" + i, at, new CaseContactLogged("c" + (1 + i % 2), "phone", 5 + i, List.of())));
            events.add(SampleEvents.event(
                    org, "p" + i, at, new InvolvementRecorded("p" + i, "educating", "school-" + i, "advising", 0.5)));
            events.add(SampleEvents.event(
                    org, "p" + i, at, SampleEvents.anonymousContact("s9", "west", 1, false, SampleEvents.syringes(1))));
        }
        if (!previous.isEmpty()) {
            events.add(previous.get(batch % previous.size()));
        }
        return events;
    }

    /** What readers see of the org: outreach days, cases, caseload and involvement. */
    private List<JsonNode> figures(String org) {
        var api = stack.api() + "/api/v1/orgs/" + org;
        return List.of(
                Client.get(api + "/outreach/daily"),
                Client.get(api + "/support/cases?size=200"),
                Client.get(api + "/support/caseload"),
                Client.get(api + "/involvement/monthly"),
                Client.get(api + "/peers?size=200"));
    }

    private void rebuild(String family) {
        var started = Client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.worker() + "/actuator/rebuilds/" + family))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(started.status()).isEqualTo(200);
        int generation = started.json().path("generation").asInt();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            var progress = Client.get(stack.worker() + "/actuator/rebuilds").path(family);
            assertThat(progress.path("generation").asInt()).isEqualTo(generation);
            assertThat(progress.path("status").asString()).isEqualTo("done");
        });
    }

    private long activityLogCount(String org) {
        return Client.get(stack.api() + "/api/v1/orgs/" + org + "/activity?size=1")
                .path("total")
                .asLong();
    }
}
