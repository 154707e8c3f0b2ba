package org.peertracker.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventExamples;
import org.peertracker.events.EventType;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.events.Topics;
import org.peertracker.testing.IntakeAnswers;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every role against every endpoint family, in its own organisation and in another, over real HTTP with real
 * tokens, against views seeded as the worker writes them (docs/design.md, "Roles and the operator").
 */
class AccessMatrixIT extends ApiITSupport {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    /** The callers' organisation. */
    static final String ORG = "org-" + SUFFIX;
    /** Another organisation with the very same views. */
    static final String OTHER = "other-" + SUFFIX;

    static final TestTokens TOKENS = TestTokens.shared();
    static final List<String> ROLES = List.of("peer", "coordinator", "analyst", "admin", "integration");

    private static boolean seeded;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "access_it");
    }

    @BeforeEach
    void seed() {
        synchronized (AccessMatrixIT.class) {
            if (!seeded) {
                ViewSeed.seed(views, ORG);
                ViewSeed.seed(views, OTHER);
                seeded = true;
            }
        }
    }

    /**
     * The endpoint families, with what a peer (own peer id {@code p1}) gets and whether an analyst may read them.
     */
    enum Endpoint {
        INTAKE("POST", "/events", 202, false),
        CASE_OWN("GET", "/support/cases/c-own", 200, false),
        CASE_OF_ANOTHER_PEER("GET", "/support/cases/c-other", 404, false),
        CASE_HANDED_TO_THE_PEER("GET", "/support/cases/c-handed", 200, false),
        CASE_MISSING("GET", "/support/cases/nope", 404, false),
        CASES("GET", "/support/cases", 200, false),
        CASELOAD("GET", "/support/caseload?month=" + ViewSeed.MONTH, 403, true),
        OUTREACH_DAILY("GET", "/outreach/daily?from=" + ViewSeed.DAY + "&to=" + ViewSeed.DAY, 403, true),
        OUTREACH_SESSIONS("GET", "/outreach/sessions?from=" + ViewSeed.DAY + "&to=" + ViewSeed.DAY, 200, false),
        OUTREACH_SESSION_TAKEN_PART_IN("GET", "/outreach/sessions/s1", 200, false),
        OUTREACH_SESSION_OF_OTHERS("GET", "/outreach/sessions/s2", 404, false),
        OUTREACH_SIGNALS("GET", "/outreach/signals?since=2026-11-01T00:00:00Z", 403, false),
        CAMPAIGNS("GET", "/campaigns", 403, true),
        CAMPAIGN("GET", "/campaigns/k1", 403, true),
        PEERS("GET", "/peers", 403, false),
        PEER_OWN("GET", "/peers/p1", 200, false),
        PEER_ANOTHER("GET", "/peers/p2", 404, false),
        PEER_OWN_MONTH("GET", "/peers/p1/involvement?month=" + ViewSeed.MONTH, 200, false),
        PEER_ANOTHERS_MONTH("GET", "/peers/p2/involvement?month=" + ViewSeed.MONTH, 404, false),
        INVOLVEMENT_MONTHLY("GET", "/involvement/monthly?month=" + ViewSeed.MONTH, 403, true),
        DASHBOARD("GET", "/dashboard", 403, true),
        ACTIVITY("GET", "/activity?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", 403, false),
        EVENT_STATUS_OWN("GET", "/events/e1", 200, false),
        EVENT_STATUS_OF_ANOTHER_PEER("GET", "/events/e2", 404, false),
        EXPORT_CASES("GET", "/exports/cases", 200, false),
        EXPORT_CASELOAD("GET", "/exports/caseload?month=" + ViewSeed.MONTH, 403, true),
        EXPORT_REFERRALS("GET", "/exports/referrals?month=" + ViewSeed.MONTH, 403, true),
        EXPORT_OUTREACH_DAILY("GET", "/exports/outreach-daily?from=" + ViewSeed.DAY + "&to=" + ViewSeed.DAY, 403, true),
        EXPORT_OUTREACH_SESSIONS(
                "GET", "/exports/outreach-sessions?from=" + ViewSeed.DAY + "&to=" + ViewSeed.DAY, 200, false),
        EXPORT_OUTREACH_SIGNALS("GET", "/exports/outreach-signals?since=2026-11-01T00:00:00Z", 403, false),
        EXPORT_CAMPAIGNS("GET", "/exports/campaigns", 403, true),
        EXPORT_PEERS("GET", "/exports/peers", 403, false),
        EXPORT_INVOLVEMENT_MONTHLY("GET", "/exports/involvement-monthly?month=" + ViewSeed.MONTH, 403, true),
        EXPORT_ACTIVITY("GET", "/exports/activity?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", 403, false),
        EXPORT_UNKNOWN("GET", "/exports/everything", 403, false),
        FEED("GET", "/feed?wait=0&limit=1", 403, false);

        final String method;
        final String path;
        final int forPeer;
        final boolean aggregate;

        Endpoint(String method, String path, int forPeer, boolean aggregate) {
            this.method = method;
            this.path = path;
            this.forPeer = forPeer;
            this.aggregate = aggregate;
        }

        int forCoordinator() {
            return this == CASE_MISSING || this == EXPORT_UNKNOWN ? 404 : method.equals("POST") ? 202 : 200;
        }

        int expected(String role) {
            return switch (role) {
                case "peer" -> forPeer;
                case "analyst" -> aggregate ? 200 : 403;
                // an integration client reads the feed and nothing else
                case "integration" -> this == FEED ? 200 : 403;
                default -> forCoordinator();
            };
        }
    }

    static Stream<Arguments> matrix() {
        var cases = new ArrayList<Arguments>();
        for (var role : ROLES) {
            for (var endpoint : Endpoint.values()) {
                cases.add(Arguments.of(role, "its own", endpoint, endpoint.expected(role)));
                cases.add(Arguments.of(role, "another", endpoint, 403));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {1} organisation: {2} -> {3}")
    @MethodSource("matrix")
    void answersEveryRoleInEveryOrganisationAsTheRolesTableSays(
            String role, String whose, Endpoint endpoint, int expected) {
        var pathOrg = whose.equals("its own") ? ORG : OTHER;

        var response = call(token(role, ORG), pathOrg, endpoint);

        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        if (expected == 403) {
            assertForbiddenSayingNothing(response);
        }
        assertThat(response.body()).doesNotContain("Exception", "org.springframework", "java.", "\tat ");
    }

    static Stream<Arguments> credentials() {
        var cases = new ArrayList<Arguments>();
        for (var credential : List.of(
                "none",
                "expired",
                "wrong signature",
                "not a token",
                "unknown role",
                "another issuer",
                "another audience",
                "no expiry")) {
            for (var endpoint : Endpoint.values()) {
                cases.add(Arguments.of(credential, endpoint));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} -> 401")
    @MethodSource("credentials")
    void refusesEveryRequestWithoutAValidToken(String credential, Endpoint endpoint) {
        var token = switch (credential) {
            case "none" -> null;
            case "expired" -> TOKENS.expired(ORG, "coordinator", null);
            case "wrong signature" -> TestTokens.foreign().coordinator(ORG);
            case "not a token" -> "not-a-jwt";
            // signed by the trusted key, but not for this service or not in the local issuer's name
            case "another issuer" -> TOKENS.altered(ORG, "coordinator", c -> c.issuer("http://localhost/elsewhere"));
            case "another audience" -> TOKENS.altered(ORG, "coordinator", c -> c.audience("another-service"));
            case "no expiry" -> TOKENS.altered(ORG, "coordinator", c -> c.expirationTime(null));
            default -> TOKENS.token(ORG, "superuser", null);
        };

        var response = call(token, ORG, endpoint);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("Exception", "org.springframework", "nimbus", "java.", "Jwt");
    }

    @Test
    void answersAnotherOrganisationsPathsAlikeWhetherOrNotAnythingIsThere() {
        var coordinator = http(TOKENS.coordinator(ORG));

        var existing = coordinator.get("/api/v1/orgs/" + OTHER + "/support/cases/c-own");
        var missing = coordinator.get("/api/v1/orgs/" + OTHER + "/support/cases/nope");
        var noSuchOrg = coordinator.get("/api/v1/orgs/nowhere-" + SUFFIX + "/support/cases/c-own");
        var badParameter = coordinator.get("/api/v1/orgs/" + OTHER + "/outreach/daily?from=yesterday");

        assertThat(List.of(existing, missing, noSuchOrg, badParameter)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).isEqualTo(existing.body());
        });
    }

    @Test
    void rejectsAPeersEventsForAnotherPeerOneByOneAndAcceptsItsOwn() {
        var now = Instant.now().minusSeconds(60);
        var own = SampleEvents.event(ORG, "p1", now, SampleEvents.anonymousContact("s-p1", "oost", 1, false, null));
        var another = SampleEvents.event(ORG, "p2", now, SampleEvents.anonymousContact("s-p2", "oost", 1, false, null));
        var aboutAnother = SampleEvents.event(
                ORG, "p1", now, new InvolvementRecorded("p2", "advocating", "city-council", "advising", 1.0));
        var body = "[" + EventCodec.write(own) + "," + EventCodec.write(another) + "," + EventCodec.write(aboutAnother)
                + "]";

        var response = log(TOKENS.peer(ORG, "p1"), body);

        assertThat(response.status()).isEqualTo(202);
        var answer = response.json();
        assertThat(IntakeAnswers.status(answer, 0)).isEqualTo("accepted");
        assertThat(IntakeAnswers.status(answer, 1)).isEqualTo("rejected");
        assertThat(IntakeAnswers.firstRule(answer, 1)).isEqualTo("own-peer");
        assertThat(IntakeAnswers.firstError(answer, 1).path("field").asString()).isEqualTo("peerId");
        assertThat(IntakeAnswers.firstError(answer, 1).path("message").asString())
                .isNotBlank();
        assertThat(IntakeAnswers.firstError(answer, 2).path("field").asString()).isEqualTo("payload.peerId");
        assertThat(IntakeAnswers.firstRule(answer, 2)).isEqualTo("own-peer");
    }

    /** Whose subject an event of a write row is about: the caller's own, another peer's, or none yet. */
    enum Subject {
        OWN,
        OTHER,
        NEW
    }

    /**
     * The write rows: a role posts an event of a type about its own subject or another peer's (peer {@code p1}'s
     * own case is {@code c-own}, or {@code c-handed} which a coordinator handed to it; {@code c-other} is
     * {@code p2}'s). Null expected rule: accepted.
     */
    static Stream<Arguments> writes() {
        var rows = new ArrayList<Arguments>();
        for (var role : List.of("peer", "coordinator", "admin")) {
            boolean peer = role.equals("peer");
            for (var type : EventType.values()) {
                if (type.isCorrection()) {
                    continue;
                }
                for (var subject : Subject.values()) {
                    if (subject == Subject.NEW && type != EventType.CASE_OPENED
                            || subject != Subject.NEW && type.topic().equals(Topics.OUTREACH)
                            || subject != Subject.NEW && type.topic().equals(Topics.CAMPAIGN)) {
                        continue;
                    }
                    rows.add(Arguments.of(role, type.token(), subject, expectedRule(peer, type, subject)));
                }
            }
        }
        return rows.stream();
    }

    private static String expectedRule(boolean peer, EventType type, Subject subject) {
        if (type == EventType.CASE_OPENED) {
            return subject == Subject.NEW ? null : "new-case";
        }
        if (!peer) {
            return null;
        }
        return switch (type) {
            case CASE_REASSIGNED, PEER_JOINED, PEER_LEFT, PEER_ROLE_ASSIGNED, PEER_ROLE_ENDED, PEER_COMPENSATION_PAID ->
                "coordinator-only";
            case PEER_INVOLVEMENT_RECORDED, PEER_TRAINING_COMPLETED -> subject == Subject.OWN ? null : "own-peer";
            case CASE_CONTACT_LOGGED, CASE_REFERRAL_MADE, CASE_REFERRAL_CLOSED, CASE_CLOSED ->
                subject == Subject.OWN ? null : "own-case";
            default -> throw new IllegalArgumentException(type.token());
        };
    }

    @ParameterizedTest(name = "{0} logs {1} about {2}: {3}")
    @MethodSource("writes")
    void letsEveryRoleLogAboutTheSubjectsTheRolesTableSays(String role, String type, Subject subject, String rule) {
        var caseId =
                subject == Subject.NEW ? "c-new-" + UUID.randomUUID() : subject == Subject.OWN ? "c-own" : "c-other";
        var event = example(type, caseId, subject == Subject.OTHER ? "p2" : "p1");

        var response = log(token(role, ORG), event.toString());

        var result = response.json().path("results").get(0);
        if (rule == null) {
            assertThat(response.status()).as(response.body()).isEqualTo(202);
            assertThat(result.path("status").asString()).isEqualTo("accepted");
        } else {
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(result.path("errors")
                            .valueStream()
                            .map(e -> e.path("rule").asString()))
                    .contains(rule);
        }
    }

    @Test
    void letsAPeerLogAboutACaseACoordinatorHandedToItAndNotAboutOneItHandedOn() {
        var handedToP1 = log(
                TOKENS.peer(ORG, "p1"),
                example("case.contact-logged", "c-handed", "p1").toString());
        var byOpener = example("case.closed", "c-handed", "p2");
        byOpener.put("peerId", "p2");
        var openerOfHanded = log(TOKENS.peer(ORG, "p2"), byOpener.toString());

        assertThat(handedToP1.status()).as(handedToP1.body()).isEqualTo(202);
        assertThat(openerOfHanded.status()).isEqualTo(422);
        assertThat(IntakeAnswers.firstRule(openerOfHanded.json(), 0)).isEqualTo("own-case");
    }

    @Test
    void refusesAPeerTheCorrectionOfItsEventsOnACaseHandedOnAndTakesTheNewOwners() {
        var byOpener = log(TOKENS.peer(ORG, "p2"), voiding("c-handed", "p2").toString());
        var byOwner = log(TOKENS.peer(ORG, "p1"), voiding("c-handed", "p1").toString());

        // what p2 logged before a coordinator handed the case to p1 is p1's case now: p2 may not undo or change it
        assertThat(byOpener.status()).as(byOpener.body()).isEqualTo(422);
        assertThat(IntakeAnswers.firstRule(byOpener.json(), 0)).isEqualTo("own-case");
        assertThat(byOwner.status()).as(byOwner.body()).isEqualTo(202);
    }

    /** A void, by {@code peer}, of a contact on the case that the activity log does not know yet. */
    private static ObjectNode voiding(String caseId, String peer) {
        var event = example("event.voided", caseId, peer);
        event.put("peerId", peer);
        var payload = (ObjectNode) event.path("payload");
        payload.put("targetEventId", UUID.randomUUID().toString());
        payload.put("targetType", "case.contact-logged");
        payload.put("targetSubject", caseId);
        return event;
    }

    @Test
    void refusesTheOpenerALogAboutACaseHandedOnEvenBehindItsOpeningSentAgain() {
        var caseId = "c-resent-" + UUID.randomUUID();
        var opening = example("case.opened", caseId, "p2");
        opening.put("peerId", "p2");
        // the case as the worker wrote it: opened by p2 with that very event, then handed to p1 by a coordinator; the
        // activity log has not got the opening (its family behind, or its read failed), so it is not known as sent
        ViewSeed.caseDoc(
                views,
                ORG,
                caseId,
                opening.path("eventId").asString(),
                "p2",
                "p1",
                Date.from(Instant.now().minusSeconds(600)));
        var contact = example("case.contact-logged", caseId, "p2");
        contact.put("peerId", "p2");

        var response = log(TOKENS.peer(ORG, "p2"), "[" + opening + "," + contact + "]");

        assertThat(IntakeAnswers.statuses(response.json())).as(response.body()).containsExactly("accepted", "rejected");
        assertThat(IntakeAnswers.firstRule(response.json(), 1)).isEqualTo("own-case");
    }

    @Test
    void letsAPeerOpenACaseAndLogAboutItInOneRequestButNotTakeOverAnotherOpenedEarlierInIt() {
        var caseId = "c-offline-" + UUID.randomUUID();
        var opening = example("case.opened", caseId, "p1");
        var contact = example("case.contact-logged", caseId, "p1");
        var referral = example("case.referral-made", caseId, "p1");
        var takeOver = example("case.opened", caseId, "p1");
        var body = "[" + opening + "," + contact + "," + referral + "," + takeOver + "," + opening + "]";

        var response = log(TOKENS.peer(ORG, "p1"), body);

        var statuses = IntakeAnswers.statuses(response.json());
        // the opening sent twice is one event, which the worker counts once; another opening of the id is refused
        assertThat(statuses).containsExactly("accepted", "accepted", "accepted", "rejected", "accepted");
        assertThat(IntakeAnswers.firstRule(response.json(), 3)).isEqualTo("new-case");
    }

    @Test
    void refusesAPeerTheOpeningOfACaseIdTheViewKnowsAndLetsACoordinatorOpenIt() {
        var byPeer = log(
                TOKENS.peer(ORG, "p1"),
                example("case.opened", "c-unopened", "p1").toString());
        var byCoordinator = log(
                TOKENS.coordinator(ORG),
                example("case.opened", "c-unopened", "p1").toString());

        // what others logged about it would become the peer's to read
        assertThat(byPeer.status()).isEqualTo(422);
        assertThat(IntakeAnswers.firstRule(byPeer.json(), 0)).isEqualTo("new-case");
        assertThat(byCoordinator.status()).as(byCoordinator.body()).isEqualTo(202);
    }

    @Test
    void refusesAPeerTheLogOfAnotherPeersCaseEvenWhenItOpenedTheSameIdLaterInTheRequest() {
        var contactFirst = example("case.contact-logged", "c-other", "p1");
        var opening = example("case.opened", "c-other", "p1");
        var body = "[" + contactFirst + "," + opening + "]";

        var response = log(TOKENS.peer(ORG, "p1"), body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(IntakeAnswers.firstRules(response.json())).containsExactly("own-case", "new-case");
    }

    /** The type's example, now, about {@code caseId} (support) or {@code aboutPeer} (peer events), logged by p1. */
    private static ObjectNode example(String type, String caseId, String aboutPeer) {
        var event = (ObjectNode) EventCodec.mapper()
                .readTree(EventExamples.of(EventType.byToken(type).orElseThrow()));
        event.put("eventId", UUID.randomUUID().toString());
        event.put("orgId", ORG);
        event.put("peerId", "p1");
        event.put("occurredAt", Instant.now().minusSeconds(60).toString());
        var payload = (ObjectNode) event.path("payload");
        if (payload.has("caseId")) {
            payload.put("caseId", caseId);
        }
        if (type.startsWith("peer.")) {
            payload.put("peerId", aboutPeer);
        }
        return event;
    }

    @Test
    void listsAPeerOnlyItsOwnCasesWhateverItAsksFor() {
        var peer = http(TOKENS.peer(ORG, "p1"));

        var all = peer.get("/api/v1/orgs/" + ORG + "/support/cases").json();
        var another =
                peer.get("/api/v1/orgs/" + ORG + "/support/cases?peerId=p2").json();
        var coordinators = http(TOKENS.coordinator(ORG))
                .get("/api/v1/orgs/" + ORG + "/support/cases")
                .json();

        assertThat(all.path("items").valueStream().map(c -> c.path("caseId").asString()))
                .containsExactlyInAnyOrder("c-own", "c-handed");
        assertThat(all.path("total").asLong()).isEqualTo(2);
        assertThat(another.path("items").isEmpty()).isTrue();
        assertThat(another.path("total").asLong()).isZero();
        assertThat(coordinators.path("total").asLong()).isEqualTo(4);
    }

    @Test
    void listsAPeerOnlyTheSessionsItTookPartInWhateverItAsksFor() {
        var peer = http(TOKENS.peer(ORG, "p1"));
        var range = "?from=" + ViewSeed.DAY + "&to=" + ViewSeed.DAY;

        var own = peer.get("/api/v1/orgs/" + ORG + "/outreach/sessions" + range).json();
        var another = peer.get("/api/v1/orgs/" + ORG + "/outreach/sessions" + range + "&peerId=p2")
                .json();
        var coordinators = http(TOKENS.coordinator(ORG))
                .get("/api/v1/orgs/" + ORG + "/outreach/sessions" + range)
                .json();

        assertThat(own.path("items").valueStream().map(s -> s.path("sessionId").asString()))
                .containsExactly("s1");
        assertThat(another.path("items")
                        .valueStream()
                        .map(s -> s.path("sessionId").asString()))
                .containsExactly("s1");
        assertThat(coordinators.path("total").asLong()).isEqualTo(2);
    }

    @Test
    void answersAPeerAskingForAnotherPeersEventExactlyAsForAnUnknownOne() {
        assertAnsweredAsMissing("/events/e2", "/events/nope");
    }

    @Test
    void answersAPeerAskingForAnotherPeersCaseExactlyAsForAMissingOne() {
        assertAnsweredAsMissing("/support/cases/c-other", "/support/cases/nope");
    }

    @Test
    void showsAnAnalystCountsFromOneToFourAsLessThanFiveAndACoordinatorTheNumbers() {
        var analyst = http(TOKENS.analyst(ORG));
        var coordinator = http(TOKENS.coordinator(ORG));
        var daily = "/api/v1/orgs/" + ORG + Endpoint.OUTREACH_DAILY.path;

        var seen = analyst.get(daily).json().path("days");
        var numbers = coordinator.get(daily).json().path("days");

        var oost = seen.get(0);
        assertThat(oost.path("area").asString()).isEqualTo("oost");
        assertThat(oost.path("contacts").asString()).isEqualTo("<5");
        assertThat(oost.path("sessions").asString()).isEqualTo("<5");
        assertThat(oost.path("materials").path("naloxoneKits").asString()).isEqualTo("<5");
        // the one small material would follow from the others by subtraction: the next smallest goes too
        assertThat(oost.path("materials").path("condoms").asString()).isEqualTo("suppressed");
        assertThat(oost.path("materials").path("syringes").asInt()).isEqualTo(40);
        assertThat(oost.path("materials").path("pipes").asInt()).isZero();
        // and so does the other area of the same day, which a daily total would leave the small one to
        assertThat(seen.get(1).path("contacts").asString()).isEqualTo("suppressed");
        assertThat(seen.get(1).path("newContacts").asString()).isEqualTo("suppressed");
        assertThat(seen.get(1).path("materials").path("syringes").asInt()).isEqualTo(200);
        assertThat(numbers.get(0).path("contacts").asInt()).isEqualTo(3);
        assertThat(numbers.get(0).path("materials").path("condoms").asInt()).isEqualTo(7);
    }

    @Test
    void suppressesSmallCountsInEveryAggregateAnAnalystReads() {
        var analyst = http(TOKENS.analyst(ORG));
        var base = "/api/v1/orgs/" + ORG;

        var dashboard = analyst.get(base + "/dashboard").json();
        var caseload = analyst.get(base + Endpoint.CASELOAD.path).json();
        var campaign = analyst.get(base + "/campaigns/k1").json();
        var campaigns = analyst.get(base + "/campaigns").json();
        var involvement = analyst.get(base + Endpoint.INVOLVEMENT_MONTHLY.path).json();

        assertThat(dashboard.path("contactsToday").asInt()).isEqualTo(23);
        assertThat(dashboard.path("openCases").asString()).isEqualTo("<5");
        assertThat(dashboard.path("materialsThisWeek").path("naloxoneKits").asInt())
                .isEqualTo(11);
        assertThat(caseload.path("peers").get(0).path("openCases").asString()).isEqualTo("<5");
        assertThat(caseload.path("peers").get(0).path("contacts").asString()).isEqualTo("<5");
        assertThat(caseload.path("peers").get(1).path("contacts").asString()).isEqualTo("suppressed");
        assertThat(caseload.path("referrals").path("housing").path("pending").asString())
                .isEqualTo("<5");
        assertThat(campaign.path("participants").asString()).isEqualTo("<5");
        assertThat(campaign.path("actionsByKind").path("demonstration").asString())
                .isEqualTo("<5");
        assertThat(campaign.path("actionsByKind").path("media").asString()).isEqualTo("<5");
        assertThat(campaign.path("audience").asInt()).isEqualTo(20000);
        assertThat(campaign.has("peers")).isFalse();
        assertThat(campaigns.path("items").get(0).has("peers")).isFalse();
        assertThat(campaigns.path("items").get(0).path("participants").asString())
                .isEqualTo("<5");
        var integrated = involvement.path("bySetting").path("integrated");
        assertThat(integrated.path("activePeers").asString()).isEqualTo("<5");
        assertThat(integrated.path("hoursByLevel").path("leading").asString()).isEqualTo("<5");
        assertThat(integrated.path("hoursByLevel").path("consulted").asString()).isEqualTo("suppressed");
        assertThat(integrated.path("shareCoDecidingOrLeading").asString()).isEqualTo("suppressed");
        assertThat(integrated.has("compensation")).isFalse();
        assertThat(involvement.path("all").has("compensation")).isFalse();
    }

    @Test
    void givesAnAnalystNoOutcomeTextNoEventIdAndNoPeerIdWhereACoordinatorSeesThem() {
        var base = "/api/v1/orgs/" + ORG;
        var analyst = http(TOKENS.analyst(ORG));
        var coordinator = http(TOKENS.coordinator(ORG));

        var campaign = analyst.get(base + "/campaigns/k1").json();
        var listed = analyst.get(base + "/campaigns").json().path("items").get(0);
        var caseload = analyst.get(base + Endpoint.CASELOAD.path).json();
        var coordinatorsCampaign = coordinator.get(base + "/campaigns/k1").json();
        var coordinatorsCaseload =
                coordinator.get(base + Endpoint.CASELOAD.path).json();

        for (var seen : List.of(campaign, listed)) {
            assertThat(seen.has("outcomes")).isFalse();
            assertThat(seen.toString()).doesNotContain("ev-outcome-1", "naloxone motion", "\"p1\"", "\"p2\"");
            // one local outcome beside nine national ones: both go
            assertThat(seen.path("outcomesByLevel").path("local").asString()).isEqualTo("<5");
            assertThat(seen.path("outcomesByLevel").path("national").asString()).isEqualTo("suppressed");
            assertThat(seen.has("launchedAt")).isFalse();
            assertThat(seen.path("name").asString()).isEqualTo("Naloxone everywhere");
        }
        assertThat(caseload.path("peers")
                        .valueStream()
                        .map(peer -> peer.path("peerId").asString()))
                .containsExactlyInAnyOrder("peer-1", "peer-2");
        assertThat(caseload.toString()).doesNotContain("\"p1\"", "\"p2\"");
        // what the analyst does not get is there to get
        assertThat(coordinatorsCampaign.path("outcomes").get(0).path("eventId").asString())
                .isEqualTo("ev-outcome-1");
        assertThat(coordinatorsCampaign.path("outcomes").get(0).path("text").asString())
                .contains("naloxone motion");
        assertThat(coordinatorsCampaign.path("outcomesByLevel").path("local").asInt())
                .isEqualTo(2);
        assertThat(coordinatorsCaseload
                        .path("peers")
                        .valueStream()
                        .map(peer -> peer.path("peerId").asString()))
                .containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void opensHealthToAnyoneWithTheComponentsAndTheRestOfActuatorForPlatformOperatorsOnly() {
        var anonymous = http(null).get("/actuator/health");
        var admin = http(TOKENS.admin(ORG)).get("/actuator/health");
        var operator = http(TOKENS.operator()).get("/actuator/health");

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().has("components")).isFalse();
        assertThat(admin.json().has("components")).isFalse();
        assertThat(operator.json().path("components").has("kafka")).isTrue();
        assertThat(http(null).get("/actuator").status()).isEqualTo(401);
        assertThat(http(TOKENS.coordinator(ORG)).get("/actuator").status()).isEqualTo(403);
        // an organisation's admin, of this organisation or another, does not operate the deployment
        assertThat(http(TOKENS.admin(ORG)).get("/actuator").status()).isEqualTo(403);
        assertThat(http(TOKENS.admin(OTHER)).get("/actuator").status()).isEqualTo(403);
        assertThat(http(TOKENS.operator()).get("/actuator").status()).isEqualTo(200);
    }

    @Test
    void givesAPlatformOperatorNoOrganisationsData() {
        var operator = http(TOKENS.operator());

        assertThat(operator.get("/api/v1/orgs/" + ORG + "/dashboard").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/orgs/" + ORG + "/support/cases").status())
                .isEqualTo(403);
    }

    @Test
    void leavesTheSchemasTheApiDocumentAndHealthOpenToAnyoneWithATokenOrWithout() {
        for (var token : Arrays.asList(null, TOKENS.analyst(ORG), TOKENS.peer(ORG, "p1"))) {
            assertThat(http(token).get("/api/v1/schemas/envelope").status()).isEqualTo(200);
            assertThat(http(token).get("/v3/api-docs").status()).isEqualTo(200);
            assertThat(http(token).get("/actuator/health").status()).isEqualTo(200);
        }
    }

    @Test
    void sendsTheSecurityHeadersAndNoCorsHeadersUnlessOriginsAreConfigured() {
        var response = http(TOKENS.coordinator(ORG)).get("/api/v1/orgs/" + ORG + "/dashboard");
        var preflight = http(null)
                .send(
                        "OPTIONS",
                        "/api/v1/orgs/" + ORG + "/dashboard",
                        "Origin",
                        "https://elsewhere.example",
                        "Access-Control-Request-Method",
                        "GET");
        var crossOrigin = http(TOKENS.coordinator(ORG))
                .send("GET", "/api/v1/orgs/" + ORG + "/dashboard", "Origin", "https://elsewhere.example");

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    /** Peer p1 asking for another peer's {@code others} gets a 404 that reads as that for the {@code missing} one. */
    private void assertAnsweredAsMissing(String others, String missing) {
        var peer = http(TOKENS.peer(ORG, "p1"));

        var another = peer.get("/api/v1/orgs/" + ORG + others);
        var unknown = peer.get("/api/v1/orgs/" + ORG + missing);

        assertThat(another.status()).isEqualTo(404);
        // the same answer but for the path it echoes
        assertThat(withoutInstance(another)).isEqualTo(withoutInstance(unknown));
    }

    private static String withoutInstance(Http.Response response) {
        var json = (ObjectNode) response.json();
        json.remove("instance");
        return json.toString();
    }

    private static void assertForbiddenSayingNothing(Http.Response response) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo("Forbidden");
        assertThat(response.json().path("detail").asString()).isEqualTo("This token does not allow this request.");
    }

    private Http.Response call(String token, String pathOrg, Endpoint endpoint) {
        var path = "/api/v1/orgs/" + pathOrg + endpoint.path;
        if (endpoint.method.equals("POST")) {
            var event = SampleEvents.event(
                    pathOrg,
                    "p1",
                    Instant.now().minusSeconds(60),
                    SampleEvents.anonymousContact("s-matrix", "oost", 1, false, null));
            return http(token).post(path, EventCodec.write(event));
        }
        return http(token).get(path);
    }

    private static String token(String role, String org) {
        return role.equals("peer") ? TOKENS.peer(org, "p1") : TOKENS.token(org, role, null);
    }

    /** Posts events to the organisation's intake with the token. */
    private Http.Response log(String token, String events) {
        return http(token).post("/api/v1/orgs/" + ORG + "/events", events);
    }

    private Http http(String token) {
        var http = new Http(port);
        return token == null ? http : http.as(token);
    }
}
