package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.CaseClosed;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.CompensationPaid;
import org.peertracker.events.Event;
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
import org.peertracker.events.TrainingCompleted;
import org.peertracker.testing.SampleEvents;
import tools.jackson.databind.JsonNode;

/** The deployed system, end to end: HTTP POST → Kafka → worker → MongoDB → HTTP GET. */
class EndToEndIT {

    static final Duration VIEWS_SETTLE = Duration.ofSeconds(30);
    static final String RAW_CODE = "QWER1979X";

    final StackUnderTest stack = StackUnderTest.get();

    @Test
    void showsALoggedContactInTheDailyViewAndCountsAReSentEventOnce() {
        var org = org();
        var now = Instant.now().minusSeconds(60);
        var contact = SampleEvents.event(
                org,
                "peer-1",
                now,
                SampleEvents.anonymousContact("sess-1", "oost", 2, true, new Materials(20, 14, 1, 0, 0, 0, 0)));
        var day = LocalDate.ofInstant(now, ZoneId.of("Europe/Amsterdam"));

        assertThat(Client.post(events(org), List.of(contact)).status()).isEqualTo(202);
        await().atMost(VIEWS_SETTLE)
                .untilAsserted(() -> assertThat(daily(org, day)
                                .path("days")
                                .path(0)
                                .path("contacts")
                                .asLong())
                        .isEqualTo(1));

        var another = SampleEvents.event(
                org,
                "peer-1",
                now,
                SampleEvents.anonymousContact("sess-1", "oost", 1, false, SampleEvents.syringes(5)));
        assertThat(Client.post(events(org), List.of(contact)).status()).isEqualTo(202);
        assertThat(Client.post(events(org), List.of(another)).status()).isEqualTo(202);

        // the re-sent event precedes the other on their session's partition, so once the other shows, both were applied
        await().atMost(VIEWS_SETTLE).untilAsserted(() -> {
            var figures = daily(org, day).path("days").path(0);
            assertThat(figures.path("contacts").asLong()).isEqualTo(2);
            assertThat(figures.path("peopleReached").asLong()).isEqualTo(3);
            assertThat(figures.path("materials").path("syringes").asLong()).isEqualTo(25);
        });
    }

    @Test
    void projectsAnOrganisationsActivitiesIntoEveryView() {
        var org = org();
        var at = Instant.now().minusSeconds(120);
        var events = new ArrayList<Event>();
        // peers
        events.add(event(
                org, "coord-1", at, new PeerJoined("p1", List.of("peer-support", "policy-making"), "integrated")));
        events.add(event(org, "coord-1", at, new PeerJoined("p2", List.of("advocating"), "autonomous")));
        events.add(event(
                org, "p1", at, new InvolvementRecorded("p1", "policy-making", "city-council", "co-deciding", 4.0)));
        events.add(event(org, "p2", at, new InvolvementRecorded("p2", "advocating", "ministry-vws", "consulted", 2.0)));
        events.add(event(org, "p1", at, new TrainingCompleted("p1", "naloxone", 3.0)));
        events.add(event(
                org,
                "coord-1",
                at,
                new CompensationPaid("p1", new BigDecimal("25.00"), "EUR", "voucher", "policy-making")));
        // outreach
        events.add(event(org, "p1", at, new SessionStarted("s1", "oost", "street")));
        events.add(
                event(org, "p1", at, SampleEvents.anonymousContact("s1", "oost", 2, true, SampleEvents.syringes(10))));
        events.add(event(org, "p1", at, SampleEvents.knownContact("s1", "oost", RAW_CODE)));
        events.add(event(org, "p2", at, SampleEvents.anonymousContact("s1", "oost", 1, false, Materials.NONE)));
        events.add(event(
                org,
                "p2",
                at,
                new SignalReported("s1", "new-substance", "oost", "high", "Blue pills sold as oxy, strong sedation")));
        events.add(event(org, "p1", at.plusSeconds(30), new SessionEnded("s1")));
        // support
        events.add(event(org, "p1", at, new CaseOpened("c1", RAW_CODE, null, List.of("housing"), "outreach")));
        events.add(event(org, "p1", at, new CaseContactLogged("c1", "in-person", 45, List.of("housing"))));
        events.add(event(org, "p1", at, new ReferralMade("c1", "r1", "housing")));
        events.add(event(org, "p1", at.plusSeconds(10), new ReferralClosed("c1", "r1", "attended")));
        events.add(event(org, "p1", at, new ReferralMade("c1", "r2", "detox")));
        events.add(event(org, "p2", at, new CaseOpened("c2", "ZXCV1988Y", null, List.of(), "self")));
        events.add(event(org, "p2", at.plusSeconds(10), new CaseClosed("c2", "referred-on")));
        // campaign
        events.add(event(
                org,
                "p2",
                at,
                new CampaignLaunched("k1", "Stop the raids", "End street sweeps", LocalDate.now(), null)));
        events.add(event(org, "p2", at, new ActionRecorded("k1", "a1", "demonstration", "Amsterdam", 40, 300, 2)));
        events.add(event(org, "p2", at, new ActionRecorded("k1", "a2", "media", "Utrecht", 3, 20000, 5)));
        events.add(event(org, "p2", at, new OutcomeRecorded("k1", "local", "Council agreed to a hearing")));

        var response = Client.post(events(org), events);
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("summary").path("accepted").asInt()).isEqualTo(events.size());

        await().atMost(VIEWS_SETTLE).untilAsserted(() -> {
            var tiles = Client.get(stack.api() + "/api/v1/orgs/" + org + "/dashboard");
            assertThat(tiles.path("contactsToday").asLong()).isEqualTo(3);
            assertThat(tiles.path("peopleReachedToday").asLong()).isEqualTo(4);
            assertThat(tiles.path("materialsThisWeek").path("syringes").asLong())
                    .isEqualTo(20);
            assertThat(tiles.path("openCases").asLong()).isEqualTo(1);
            assertThat(tiles.path("referralsPending").asLong()).isEqualTo(1);
            assertThat(tiles.path("activeCampaigns").asLong()).isEqualTo(1);
            assertThat(tiles.path("peerHoursThisMonth").asDouble()).isEqualTo(6.0);
            assertThat(tiles.path("shareCoDecidingOrLeading").asDouble()).isEqualTo(0.667);
            assertThat(tiles.path("activePeersThisMonth").asLong()).isEqualTo(3);
            assertThat(Client.get(stack.api() + "/api/v1/orgs/" + org + "/activity?size=1")
                            .path("total")
                            .asLong())
                    .isEqualTo(events.size());
        });

        var case1 = Client.get(stack.api() + "/api/v1/orgs/" + org + "/support/cases/c1");
        assertThat(case1.path("status").asString()).isEqualTo("open");
        assertThat(case1.path("ownerPeerId").asString()).isEqualTo("p1");
        assertThat(case1.path("minutes").asLong()).isEqualTo(45);
        assertThat(case1.path("clientRef").asString()).matches("[0-9a-f]{32}");
        assertThat(case1.path("referrals")
                        .valueStream()
                        .map(r -> r.path("referralId").asString() + ":"
                                + r.path("status").asString()))
                .containsExactly("r1:attended", "r2:pending");
        var caseload = Client.get(stack.api() + "/api/v1/orgs/" + org + "/support/caseload");
        assertThat(caseload.path("peers")
                        .valueStream()
                        .map(p -> p.path("peerId").asString() + ":"
                                + p.path("openCases").asLong()))
                .containsExactly("p1:1", "p2:0");

        var session = Client.get(stack.api() + "/api/v1/orgs/" + org + "/outreach/sessions/s1");
        assertThat(session.path("contacts").asLong()).isEqualTo(3);
        assertThat(session.path("siteType").asString()).isEqualTo("street");
        assertThat(session.has("endedAt")).isTrue();
        assertThat(Client.get(stack.api() + "/api/v1/orgs/" + org + "/outreach/signals")
                        .path("items")
                        .path(0)
                        .path("kind")
                        .asString())
                .isEqualTo("new-substance");

        var campaign = Client.get(stack.api() + "/api/v1/orgs/" + org + "/campaigns/k1");
        assertThat(campaign.path("actions").asLong()).isEqualTo(2);
        assertThat(campaign.path("audience").asLong()).isEqualTo(20300);
        assertThat(campaign.path("cities").valueStream().map(c -> c.asString()))
                .containsExactlyInAnyOrder("Amsterdam", "Utrecht");

        var month = Client.get(stack.api() + "/api/v1/orgs/" + org + "/involvement/monthly");
        assertThat(month.path("bySetting").path("integrated").path("hours").asDouble())
                .isEqualTo(4.0);
        assertThat(month.path("bySetting")
                        .path("integrated")
                        .path("shareCoDecidingOrLeading")
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(month.path("bySetting")
                        .path("integrated")
                        .path("compensation")
                        .path("EUR")
                        .asDouble())
                .isEqualTo(25.0);
        assertThat(month.path("bySetting").path("autonomous").path("hours").asDouble())
                .isEqualTo(2.0);
        assertThat(month.path("bySetting")
                        .path("autonomous")
                        .path("shareCoDecidingOrLeading")
                        .asDouble())
                .isEqualTo(0.0);
        assertThat(Client.get(stack.api() + "/api/v1/orgs/" + org + "/peers/p1")
                        .path("activeRoles")
                        .valueStream()
                        .map(r -> r.asString()))
                .containsExactlyInAnyOrder("peer-support", "policy-making");

        var timeline = Client.get(stack.api() + "/api/v1/orgs/" + org + "/activity?subject=c1");
        assertThat(timeline.path("total").asLong()).isEqualTo(5);
        var everything = Client.get(stack.api() + "/api/v1/orgs/" + org + "/activity?size=200")
                .toString();
        assertThat(everything).doesNotContainIgnoringCase(RAW_CODE).doesNotContain("clientCode");
    }

    @Test
    void answersUnknownIdsWith404AndBadParametersWith400() {
        var org = org();
        var missing = Client.send(
                HttpRequest.newBuilder(URI.create(stack.api() + "/api/v1/orgs/" + org + "/support/cases/nope"))
                        .GET());
        var badMonth = Client.send(HttpRequest.newBuilder(
                        URI.create(stack.api() + "/api/v1/orgs/" + org + "/involvement/monthly?month=13-2026"))
                .GET());
        var badPage = Client.send(
                HttpRequest.newBuilder(URI.create(stack.api() + "/api/v1/orgs/" + org + "/campaigns?size=1000"))
                        .GET());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("field").asString()).isEqualTo("caseId");
        assertThat(badMonth.status()).isEqualTo(400);
        assertThat(badMonth.json().path("field").asString()).isEqualTo("month");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.json().path("field").asString()).isEqualTo("size");
    }

    @Test
    void reportsAnEventCountedThenVoidedThroughTheStatusEndpoint() {
        var org = org();
        var now = Instant.now().minusSeconds(60);
        var day = LocalDate.ofInstant(now, ZoneId.of("Europe/Amsterdam"));
        var contact = event(
                org, "peer-1", now, SampleEvents.anonymousContact("sess-9", "west", 3, true, SampleEvents.syringes(4)));
        var status = stack.api() + "/api/v1/orgs/" + org + "/events/" + contact.eventId();

        assertThat(Client.post(events(org), List.of(contact)).status()).isEqualTo(202);
        await().atMost(VIEWS_SETTLE).ignoreExceptions().untilAsserted(() -> {
            var counted = Client.get(status);
            assertThat(counted.path("counted").asBoolean()).isTrue();
            assertThat(counted.path("families")
                            .valueStream()
                            .map(f -> f.path("family").asString()))
                    .containsExactly("outreach", "involvement", "activity", "reach");
            assertThat(counted.path("effect").asString()).isEqualTo("as-logged");
        });
        assertThat(daily(org, day).path("days").path(0).path("peopleReached").asLong())
                .isEqualTo(3);

        var voiding = event(
                org, "peer-1", now, new EventVoided(contact.eventId(), contact.type(), "sess-9", "duplicate", null));
        assertThat(Client.post(events(org), List.of(voiding)).status()).isEqualTo(202);
        await().atMost(VIEWS_SETTLE).ignoreExceptions().untilAsserted(() -> {
            var voided = Client.get(status);
            assertThat(voided.path("effect").asString()).isEqualTo("voided");
            assertThat(voided.path("corrections").path(0).path("applies").asBoolean())
                    .isTrue();
            assertThat(voided.path("corrections")
                            .path(0)
                            .path("submittedBy")
                            .path("role")
                            .asString())
                    .isEqualTo("coordinator");
            assertThat(Client.get(stack.api() + "/api/v1/orgs/" + org + "/events/" + voiding.eventId())
                            .path("target")
                            .path("applies")
                            .asBoolean())
                    .isTrue();
        });
        await().atMost(VIEWS_SETTLE)
                .untilAsserted(() -> assertThat(daily(org, day)
                                .path("days")
                                .valueStream()
                                .mapToLong(d -> d.path("peopleReached").asLong())
                                .sum())
                        .isZero());
    }

    private JsonNode daily(String org, LocalDate day) {
        return Client.get(stack.api() + "/api/v1/orgs/" + org + "/outreach/daily?from=" + day + "&to=" + day);
    }

    private String events(String org) {
        return stack.api() + "/api/v1/orgs/" + org + "/events";
    }

    private static Event event(String org, String peer, Instant at, Payload payload) {
        return SampleEvents.event(org, peer, at, payload);
    }

    static String org() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
