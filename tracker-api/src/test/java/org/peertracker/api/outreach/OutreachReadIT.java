package org.peertracker.api.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class OutreachReadIT extends ApiITSupport {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "outreach_read_it");
    }

    @Test
    void servesTheDaysOfARangeInOrderFilteredByArea() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        day(org, "2026-11-19", "oost", 3);
        day(org, "2026-11-20", "west", 5);
        day(org, "2026-11-20", "oost", 2);
        day(org, "2026-11-25", "oost", 9);
        day("another-org", "2026-11-20", "oost", 100);

        var http = new Http(port).as(TestTokens.shared().coordinator(org));
        var all = http.get("/api/v1/orgs/" + org + "/outreach/daily?from=2026-11-19&to=2026-11-20")
                .json();
        var oost = http.get("/api/v1/orgs/" + org + "/outreach/daily?from=2026-11-01&to=2026-11-30&area=oost")
                .json();

        assertThat(all.path("days")
                        .valueStream()
                        .map(d ->
                                d.path("day").asString() + "/" + d.path("area").asString()))
                .containsExactly("2026-11-19/oost", "2026-11-20/oost", "2026-11-20/west");
        assertThat(all.path("days").get(2).path("contacts").asLong()).isEqualTo(5);
        assertThat(all.path("days").get(2).path("materials").path("syringes").asLong())
                .isEqualTo(50);
        assertThat(all.path("days").get(2).path("materials").path("pipes").asLong())
                .isZero();
        assertThat(oost.path("days").valueStream().map(d -> d.path("contacts").asLong()))
                .containsExactly(3L, 2L, 9L);
    }

    @Test
    void namesTheParameterThatIsWrong() {
        var http = new Http(port).as(TestTokens.shared().coordinator("mainline"));

        var notADate = http.get("/api/v1/orgs/mainline/outreach/daily?from=yesterday");
        var reversed = http.get("/api/v1/orgs/mainline/outreach/daily?from=2026-11-20&to=2026-11-01");
        var tooLong = http.get("/api/v1/orgs/mainline/outreach/daily?from=2020-01-01&to=2026-11-01");

        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.contentType()).startsWith("application/problem+json");
        assertThat(notADate.json().path("field").asString()).isEqualTo("from");
        assertThat(notADate.body()).doesNotContain("Exception", "java.");
        assertThat(reversed.json().path("rule").asString()).isEqualTo("not-after-to");
        assertThat(tooLong.json().path("rule").asString()).isEqualTo("max-range");
    }

    @Test
    void capsTheRangeOfSessionsAsThatOfTheDays() {
        var http = new Http(port).as(TestTokens.shared().coordinator("mainline"));

        var year = http.get("/api/v1/orgs/mainline/outreach/sessions?from=2025-11-21&to=2026-11-21");
        var tooLong = http.get("/api/v1/orgs/mainline/outreach/sessions?from=2025-11-20&to=2026-11-21");

        assertThat(year.status()).isEqualTo(200);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("field").asString()).isEqualTo("to");
        assertThat(tooLong.json().path("rule").asString()).isEqualTo("max-range");
    }

    @Test
    void pagesSessionsOfTheSameTimeInIdOrderWhateverOrderTheyWereStoredIn() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var at = Date.from(Instant.parse("2026-11-20T10:00:00Z"));
        // stored in reverse: a rebuild with two consumers may store them in any order
        for (var session : List.of("s4", "s3", "s2", "s1")) {
            views.getCollection("outreach_sessions")
                    .insertOne(new Document("_id", org + "|" + session)
                            .append("orgId", org)
                            .append("sessionId", session)
                            .append("lastActivityAt", at));
        }
        views.getCollection("outreach_sessions")
                .insertOne(new Document("_id", org + "|s0")
                        .append("orgId", org)
                        .append("sessionId", "s0")
                        .append("lastActivityAt", Date.from(at.toInstant().plusSeconds(60))));

        var http = new Http(port).as(TestTokens.shared().coordinator(org));
        var first = http.get("/api/v1/orgs/" + org + "/outreach/sessions?from=2026-11-01&to=2026-11-30&size=3")
                .json();
        var second = http.get("/api/v1/orgs/" + org + "/outreach/sessions?from=2026-11-01&to=2026-11-30&size=3&page=1")
                .json();

        assertThat(first.path("items")
                        .valueStream()
                        .map(s -> s.path("sessionId").asString()))
                .containsExactly("s0", "s1", "s2");
        assertThat(second.path("items")
                        .valueStream()
                        .map(s -> s.path("sessionId").asString()))
                .containsExactly("s3", "s4");
    }

    private void day(String org, String day, String area, int contacts) {
        views.getCollection("outreach_daily")
                .insertOne(new Document("_id", org + "|" + day + "|" + area)
                        .append("orgId", org)
                        .append("day", day)
                        .append("area", area)
                        .append("contacts", contacts)
                        .append("newContacts", 1)
                        .append("peopleReached", contacts)
                        .append("materials", new Document("syringes", contacts * 10L)));
    }
}
