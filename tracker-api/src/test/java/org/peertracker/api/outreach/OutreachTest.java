package org.peertracker.api.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Sessions and signals as served from their documents as the worker writes them. */
class OutreachTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Date AT = Date.from(Instant.parse("2026-11-21T10:00:00Z"));

    @Test
    void servesASessionsAreaFromItsFirstStartOrElseItsFirstContactAndLeavesOutWhatNoEventGaveYet() {
        var started = new Document("_id", "o|s1")
                .append("orgId", "o")
                .append("sessionId", "s1")
                .append("peers", List.of("p1"))
                .append("lastActivityAt", AT)
                .append("startedAt", AT)
                .append(
                        "start",
                        new Document("rank", "r1").append("area", "noord").append("siteType", "online"))
                .append("firstContact", new Document("rank", "r0").append("area", "west"))
                .append("_applied", new Document("tracker-outreach-v1-0", 3L));
        var contacted = new Document("_id", "o|s2")
                .append("orgId", "o")
                .append("sessionId", "s2")
                .append("lastActivityAt", AT)
                .append("firstContact", new Document("rank", "r0").append("area", "west"))
                .append("contacts", 2L)
                .append("newContacts", 0L)
                .append("materials", new Document("syringes", 3L));

        assertThat(JSON.writeValueAsString(Outreach.session(started))).isEqualTo("""
                {"orgId":"o","sessionId":"s1","peers":["p1"],"area":"noord","siteType":"online",\
                "startedAt":"2026-11-21T10:00:00Z","lastActivityAt":"2026-11-21T10:00:00Z"}""");
        assertThat(JSON.writeValueAsString(Outreach.session(contacted))).isEqualTo("""
                {"orgId":"o","sessionId":"s2","area":"west","lastActivityAt":"2026-11-21T10:00:00Z","contacts":2,\
                "newContacts":0,"materials":{"syringes":3}}""");
    }

    @Test
    void servesEveryFieldOfASignalAsWrittenOnce() {
        var signal = new Document("_id", "o|e1")
                .append("orgId", "o")
                .append("eventId", "e1")
                .append("sessionId", "s1")
                .append("peerId", "p1")
                .append("kind", "new-substance")
                .append("area", "west")
                .append("severity", null)
                .append("text", "t")
                .append("occurredAt", AT);

        assertThat(JSON.writeValueAsString(Outreach.signal(signal))).isEqualTo("""
                {"orgId":"o","eventId":"e1","sessionId":"s1","peerId":"p1","kind":"new-substance","area":"west",\
                "severity":null,"text":"t","occurredAt":"2026-11-21T10:00:00Z"}""");
    }
}
