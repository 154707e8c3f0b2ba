package org.peertracker.api.involvement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Peers as served from their documents as the worker writes them. */
class PeersTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Date EARLIER = Date.from(Instant.parse("2026-11-20T10:00:00Z"));
    static final Date AT = Date.from(Instant.parse("2026-11-21T10:00:00Z"));

    @Test
    void servesItsSettingFromItsFirstJoiningTheRolesAssignedSinceTheyEndedAndMoneyInUnits() {
        var doc = new Document("_id", "o|p3")
                .append("orgId", "o")
                .append("peerId", "p3")
                .append("joining", new Document("rank", "r").append("setting", "autonomous"))
                .append("joinedAt", EARLIER)
                .append("lastActiveAt", AT)
                .append(
                        "roles",
                        new Document("advocating", new Document("assignedAt", EARLIER).append("endedAt", AT))
                                .append("educating", new Document("assignedAt", AT).append("endedAt", EARLIER)))
                .append("involvements", 2L)
                .append("hours", 3.5)
                .append("hoursByRole", new Document("educating", 3.5))
                .append("hoursByLevel", new Document("leading", 3.5))
                .append("trainings", 1L)
                .append("trainingHours", 2.0)
                .append("trainingsByTopic", new Document("naloxone", 1L))
                .append("compensationCents", new Document("EUR", 2550L))
                .append("compensationCentsByRole", new Document("educating", 2550L))
                .append("payments", new Document("cash", 1L))
                .append("_applied", new Document("tracker-peer-v1-0", 4L));

        assertThat(JSON.writeValueAsString(Peers.peer(doc))).isEqualTo("""
                {"orgId":"o","peerId":"p3","setting":"autonomous","status":"active",\
                "joinedAt":"2026-11-20T10:00:00Z","lastActiveAt":"2026-11-21T10:00:00Z",\
                "roles":{"advocating":{"assignedAt":"2026-11-20T10:00:00Z","endedAt":"2026-11-21T10:00:00Z"},\
                "educating":{"assignedAt":"2026-11-21T10:00:00Z","endedAt":"2026-11-20T10:00:00Z"}},\
                "activeRoles":["educating"],"involvements":2,"hours":3.5,"hoursByRole":{"educating":3.5},\
                "hoursByLevel":{"leading":3.5},"trainings":1,"trainingHours":2.0,"trainingsByTopic":{"naloxone":1},\
                "compensation":{"EUR":25.5},"compensationByRole":{"educating":25.5},"payments":{"cash":1}}""");
    }

    @Test
    void servesAPeerSeenOnlyAsAnActorAsUnjoinedWithNothingPaid() {
        var doc = new Document("_id", "o|p4")
                .append("orgId", "o")
                .append("peerId", "p4")
                .append("lastActiveAt", AT);

        assertThat(JSON.writeValueAsString(Peers.peer(doc))).isEqualTo("""
                {"orgId":"o","peerId":"p4","status":"unjoined","lastActiveAt":"2026-11-21T10:00:00Z",\
                "activeRoles":[],"compensation":{},"compensationByRole":{}}""");
    }
}
