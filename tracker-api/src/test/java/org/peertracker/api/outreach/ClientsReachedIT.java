package org.peertracker.api.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.api.Http;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import org.peertracker.views.ClientsReached;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Distinct clients reached per month and area, in JSON and CSV, as each role may read them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class ClientsReachedIT {

    static final String PATH = "/outreach/clients-reached?from=2026-10&to=2026-11";

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase views;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties(TestInfrastructure.uniqueDatabase("clients_reached_it"))
                .forEach((key, value) -> registry.add(key, () -> value));
        registry.add("tracker.pseudonymisation.secret", () -> "test-secret");
        registry.add(
                "tracker.security.dev-key", () -> TestTokens.shared().keyFile().toString());
    }

    /**
     * November: six clients met in oost, two in west (client a in both), seven of cases (client b also met in oost):
     * thirteen people. October: client a in oost. September lies outside the range asked for.
     */
    String seed() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        reached(org, "2026-11", "oost", "a", "b", "c", "d", "e", "f");
        reached(org, "2026-11", "west", "a", "g");
        reached(org, "2026-11", ClientsReached.NO_AREA, "b", "h", "i", "j", "k", "l", "m");
        reached(org, "2026-10", "oost", "a");
        reached(org, "2026-09", "oost", "a", "b", "c", "d", "e");
        reached("another-" + org, "2026-11", "oost", "x", "y", "z", "v", "w");
        return org;
    }

    @Test
    void countsEachClientOncePerAreaAndOncePerMonthAcrossContactsAndCases() {
        var org = seed();

        var answer = get(TestTokens.shared().coordinator(org), org, PATH);

        assertThat(answer.status()).isEqualTo(200);
        var months = answer.json().path("months");
        assertThat(months.valueStream().map(m -> m.path("month").asString())).containsExactly("2026-10", "2026-11");
        assertThat(months.get(0).path("clients").asLong()).isEqualTo(1);
        assertThat(months.get(0).path("areas").path("oost").asLong()).isEqualTo(1);
        var november = months.get(1);
        assertThat(november.path("clients").asLong()).isEqualTo(13);
        assertThat(november.path("areas").propertyNames()).containsExactly(ClientsReached.NO_AREA, "oost", "west");
        assertThat(november.path("areas").path("oost").asLong()).isEqualTo(6);
        assertThat(november.path("areas").path("west").asLong()).isEqualTo(2);
        assertThat(november.path("areas").path(ClientsReached.NO_AREA).asLong()).isEqualTo(7);
        assertThat(answer.body()).doesNotContain(ref("a"));
    }

    @Test
    void showsAnAnalystSmallCountsAsLessThanFiveAndTheirGroupsPartnerSuppressed() {
        var org = seed();

        var answer = get(TestTokens.shared().analyst(org), org, PATH);

        assertThat(answer.status()).isEqualTo(200);
        var months = answer.json().path("months");
        assertThat(months.get(0).path("clients").asString()).isEqualTo("<5");
        assertThat(months.get(0).path("areas").path("oost").asString()).isEqualTo("<5");
        var november = months.get(1);
        assertThat(november.path("clients").asLong()).isEqualTo(13);
        assertThat(november.path("areas").path("west").asString()).isEqualTo("<5");
        // else oost's 6 and the month's 13 would tell (none)'s 7 from west's, near enough
        assertThat(november.path("areas").path("oost").asString()).isEqualTo("suppressed");
        assertThat(november.path("areas").path(ClientsReached.NO_AREA).asLong()).isEqualTo(7);
        assertThat(answer.body()).doesNotContain(ref("a"));
    }

    @Test
    void letsAnalystsCoordinatorsAndAdminsReadItAndNoPeerIntegrationOrAnotherOrganisation() {
        var org = seed();
        var tokens = TestTokens.shared();

        assertThat(get(tokens.admin(org), org, PATH).status()).isEqualTo(200);
        assertThat(get(tokens.peer(org, "peer-1"), org, PATH).status()).isEqualTo(403);
        assertThat(get(tokens.token(org, "integration", null), org, PATH).status())
                .isEqualTo(403);
        assertThat(get(tokens.coordinator("another-" + org), org, PATH).status())
                .isEqualTo(403);
        assertThat(get(tokens.analyst("another-" + org), org, PATH).status()).isEqualTo(403);
        assertThat(get(tokens.peer(org, "peer-1"), org, "/exports/clients-reached")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void exportsARowPerMonthAndAreaAndOnePerMonthInAllSuppressedForAnAnalyst() {
        var org = seed();
        var csv = "/exports/clients-reached?from=2026-10&to=2026-11";

        var coordinator = get(TestTokens.shared().coordinator(org), org, csv);
        var analyst = get(TestTokens.shared().analyst(org), org, csv);

        assertThat(coordinator.status()).isEqualTo(200);
        assertThat(coordinator.contentType()).startsWith("text/csv");
        assertThat(coordinator.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("clients-reached-" + org + "-2026-10-2026-11.csv"));
        assertThat(coordinator.body().split("\r\n"))
                .containsExactly(
                        "month,area,clients",
                        "2026-10,oost,1",
                        "2026-10,all,1",
                        "2026-11,(none),7",
                        "2026-11,oost,6",
                        "2026-11,west,2",
                        "2026-11,all,13");
        assertThat(analyst.status()).isEqualTo(200);
        assertThat(analyst.body().split("\r\n"))
                .containsExactly(
                        "month,area,clients",
                        "2026-10,oost,<5",
                        "2026-10,all,<5",
                        "2026-11,(none),7",
                        "2026-11,oost,suppressed",
                        "2026-11,west,<5",
                        "2026-11,all,13");
    }

    @Test
    void namesTheParameterThatIsWrong() {
        var http = new Http(port).as(TestTokens.shared().coordinator("mainline"));
        var base = "/api/v1/orgs/mainline/outreach/clients-reached";

        var notAMonth = http.get(base + "?from=2026-11-01");
        var reversed = http.get(base + "?from=2026-11&to=2026-10");
        var year = http.get(base + "?from=2025-12&to=2026-11");
        var tooLong = http.get(base + "?from=2025-11&to=2026-11");

        assertThat(notAMonth.status()).isEqualTo(400);
        assertThat(notAMonth.contentType()).startsWith("application/problem+json");
        assertThat(notAMonth.json().path("field").asString()).isEqualTo("from");
        assertThat(reversed.json().path("rule").asString()).isEqualTo("not-after-to");
        assertThat(year.status()).isEqualTo(200);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("field").asString()).isEqualTo("to");
        assertThat(tooLong.json().path("rule").asString()).isEqualTo("max-range");
    }

    private Http.Response get(String token, String org, String path) {
        return new Http(port).as(token).get("/api/v1/orgs/" + org + path);
    }

    /** A document as the worker writes it: each client's reference a field of {@code clients}. */
    private void reached(String org, String month, String area, String... clients) {
        var set = new Document();
        List.of(clients).forEach(client -> set.append(ref(client), true));
        views.getCollection(ClientsReached.COLLECTION)
                .insertOne(new Document("_id", ClientsReached.key(org, month, area))
                        .append(ClientsReached.ORG_ID, org)
                        .append(ClientsReached.MONTH, month)
                        .append(ClientsReached.AREA, area)
                        .append(ClientsReached.CLIENTS, set));
    }

    /** A reference of 64 hex digits, as the intake makes them. */
    private static String ref(String client) {
        return "%064x".formatted(client.hashCode());
    }
}
