package org.peertracker.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Campaigns as served from their documents as the worker writes them. */
class CampaignsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Date AT = Date.from(Instant.parse("2026-11-21T10:00:00Z"));

    @Test
    void liftsItsFirstLaunchIntoTheCampaignAndCallsItClosedOnceAClosingIsSeen() {
        var doc = new Document("_id", "o|k1")
                .append("orgId", "o")
                .append("campaignId", "k1")
                .append("peers", List.of("p1"))
                .append("lastActivityAt", AT)
                .append("launchedAt", AT)
                .append(
                        "launch",
                        new Document("rank", "r1")
                                .append("name", "N")
                                .append("goal", "G")
                                .append("startsOn", "2026-11-01")
                                .append("endsOn", "2026-12-01"))
                .append("actions", 2L)
                .append("actionsByKind", new Document("media", 2L))
                .append("participants", 4L)
                .append("audience", 7L)
                .append("mediaHits", 0L)
                .append("cities", List.of("Utrecht"))
                .append("outcomesByLevel", new Document("local", 1L))
                .append(
                        "outcomes",
                        List.of(new Document("eventId", "e9")
                                .append("level", "local")
                                .append("text", "t")
                                .append("occurredAt", AT)))
                .append("closedAt", AT)
                .append("_applied", new Document("tracker-campaign-v1-0", 9L));

        assertThat(JSON.writeValueAsString(Campaigns.campaign(doc))).isEqualTo("""
                {"orgId":"o","campaignId":"k1","name":"N","goal":"G","startsOn":"2026-11-01","endsOn":"2026-12-01",\
                "status":"closed","launchedAt":"2026-11-21T10:00:00Z","closedAt":"2026-11-21T10:00:00Z",\
                "lastActivityAt":"2026-11-21T10:00:00Z","actions":2,"actionsByKind":{"media":2},"participants":4,\
                "audience":7,"mediaHits":0,"cities":["Utrecht"],"outcomesByLevel":{"local":1},\
                "outcomes":[{"eventId":"e9","level":"local","text":"t","occurredAt":"2026-11-21T10:00:00Z"}],\
                "peers":["p1"]}""");
    }

    @Test
    void servesACampaignSeenOnlyThroughItsActivityAsActiveWithNoCities() {
        var doc = new Document("_id", "o|k2")
                .append("orgId", "o")
                .append("campaignId", "k2")
                .append("peers", List.of("p1"))
                .append("lastActivityAt", AT);

        assertThat(JSON.writeValueAsString(Campaigns.campaign(doc))).isEqualTo("""
                {"orgId":"o","campaignId":"k2","status":"active","lastActivityAt":"2026-11-21T10:00:00Z",\
                "cities":[],"peers":["p1"]}""");
    }
}
