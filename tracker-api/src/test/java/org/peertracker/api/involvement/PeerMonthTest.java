package org.peertracker.api.involvement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A peer's month as served from its {@code involvement_monthly} document, as the worker writes it. */
class PeerMonthTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final YearMonth MONTH = YearMonth.of(2026, 12);

    @Test
    void servesTheMonthsHoursByRoleAndLevelTrainingsAndMoneyInUnits() {
        var doc = new Document("_id", "o|2026-12|p3")
                .append("orgId", "o")
                .append("month", "2026-12")
                .append("peerId", "p3")
                .append("activities", 4L)
                .append("hours", 3.5)
                .append("hoursByRole", new Document("educating", 1.5).append("advocating", 2.0))
                .append("hoursByLevel", new Document("leading", 3.5))
                .append("trainings", 1L)
                .append("trainingHours", 2.0)
                .append("compensationCents", new Document("EUR", 2550L));

        assertThat(JSON.writeValueAsString(Involvement.peerMonth("o", "p3", MONTH, doc)))
                .isEqualTo("""
                {"orgId":"o","peerId":"p3","month":"2026-12","hours":3.5,\
                "hoursByRole":{"advocating":2.0,"educating":1.5},"hoursByLevel":{"leading":3.5},\
                "trainings":1,"trainingHours":2.0,"compensation":{"EUR":25.5}}""");
    }

    @Test
    void servesAMonthWithoutAnythingLoggedAsZeros() {
        assertThat(JSON.writeValueAsString(Involvement.peerMonth("o", "p4", MONTH, new Document())))
                .isEqualTo("""
                {"orgId":"o","peerId":"p4","month":"2026-12","hours":0.0,"hoursByRole":{},"hoursByLevel":{},\
                "trainings":0,"trainingHours":0.0,"compensation":{}}""");
    }
}
