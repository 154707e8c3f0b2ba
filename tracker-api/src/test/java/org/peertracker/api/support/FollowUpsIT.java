package org.peertracker.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.testing.TestTokens;
import org.peertracker.views.SupportCases;
import org.peertracker.views.SupportCases.Closing;
import org.peertracker.views.SupportCases.Referral;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Follow-ups: referrals overdue or due soon and quiet open cases, most urgent first; a peer's own only. */
class FollowUpsIT extends ApiITSupport {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "follow_ups_it");
    }

    @Test
    void listsOverdueAndDueReferralsAndQuietCasesOldestFirstAndAPeersOwnOnly() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var today = LocalDate.now(ZONE);
        var c1 = openCase(org, "c-1", "peer-1", today.minusDays(40), today.minusDays(1));
        c1.append(
                SupportCases.REFERRALS,
                new Document("r-1", referral("detox", today.minusDays(3), null))
                        .append("r-2", referral("housing", today.plusDays(5), null))
                        .append("r-3", referral("legal-aid", today.plusDays(20), null))
                        .append("r-4", referral("housing", today.minusDays(10), "attended"))
                        .append("r-5", referral("other", null, null)));
        insert(c1);
        insert(openCase(org, "c-2", "peer-2", today.minusDays(50), today.minusDays(30)));
        insert(openCase(org, "c-3", "peer-1", today.minusDays(25), null));
        insert(openCase(org, "c-4", "peer-1", today.minusDays(90), today.minusDays(60))
                .append(SupportCases.CLOSED_AT, date(today.minusDays(59))));
        insert(openCase("another-" + org, "c-9", "peer-1", today.minusDays(90), today.minusDays(60)));

        var all = followUps(TestTokens.shared().coordinator(org), org, "");
        assertThat(items(all))
                .containsExactly(
                        "no-contact c-2 - " + today.minusDays(9),
                        "no-contact c-3 - " + today.minusDays(4),
                        "referral-overdue c-1 r-1 " + today.minusDays(3),
                        "referral-due c-1 r-2 " + today.plusDays(5));
        assertThat(all.path("items").get(0).path("ownerPeerId").asString()).isEqualTo("peer-2");

        var own = followUps(TestTokens.shared().peer(org, "peer-1"), org, "?peerId=peer-2");
        assertThat(items(own))
                .containsExactly(
                        "no-contact c-3 - " + today.minusDays(4),
                        "referral-overdue c-1 r-1 " + today.minusDays(3),
                        "referral-due c-1 r-2 " + today.plusDays(5));

        var narrower = followUps(TestTokens.shared().coordinator(org), org, "?dueWithin=0&quietFor=28");
        assertThat(items(narrower))
                .containsExactly(
                        "referral-overdue c-1 r-1 " + today.minusDays(3), "no-contact c-2 - " + today.minusDays(2));
    }

    @Test
    void refusesDaysOutOfRangeNamingTheParameterAndAnAnalyst() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var http = new Http(port).as(TestTokens.shared().coordinator(org));
        for (var query : List.of(
                "dueWithin=-1", "dueWithin=91", "quietFor=0", "quietFor=366", "quietFor=abc", "dueWithin=1e9")) {
            var answer = http.get(path(org) + "?" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().path("field").asString()).as(query).isEqualTo(query.split("=")[0]);
        }
        assertThat(new Http(port)
                        .as(TestTokens.shared().analyst(org))
                        .get(path(org))
                        .status())
                .isEqualTo(403);
    }

    private JsonNode followUps(String token, String org, String query) {
        var answer = new Http(port).as(token).get(path(org) + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static String path(String org) {
        return "/api/v1/orgs/" + org + "/support/follow-ups";
    }

    private static List<String> items(JsonNode followUps) {
        return followUps
                .path("items")
                .valueStream()
                .map(i -> i.path("kind").asString() + " " + i.path("caseId").asString() + " "
                        + (i.path("referralId").isNull()
                                ? "-"
                                : i.path("referralId").asString()) + " "
                        + i.path("since").asString())
                .toList();
    }

    private void insert(Document doc) {
        views.getCollection(SupportCases.COLLECTION).insertOne(doc);
    }

    /** An open case as the worker writes it; {@code lastContact} null for a case without a contact yet. */
    private static Document openCase(String org, String caseId, String peer, LocalDate opened, LocalDate lastContact) {
        var doc = OpenedCases.opened(org, caseId, peer, opened.toString(), date(opened));
        if (lastContact != null) {
            doc.append(SupportCases.LAST_CONTACT_AT, date(lastContact));
        }
        return doc.append(SupportCases.LAST_ACTIVITY_AT, date(lastContact != null ? lastContact : opened));
    }

    private static Document referral(String service, LocalDate dueOn, String outcome) {
        var made = new Document(Referral.SERVICE, service);
        if (dueOn != null) {
            made.append(Referral.DUE_ON, dueOn.toString());
        }
        var referral = new Document(Referral.MADE, made);
        if (outcome != null) {
            referral.append(Referral.CLOSING, new Document(Closing.OUTCOME, outcome));
        }
        return referral;
    }

    /** Noon of the day in Amsterdam. */
    private static Date date(LocalDate day) {
        return Date.from(day.atTime(12, 0).atZone(ZONE).toInstant());
    }
}
