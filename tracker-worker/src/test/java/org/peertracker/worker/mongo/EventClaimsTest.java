package org.peertracker.worker.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** When a document holds an event's updates, as a recomputation of the document must know. */
class EventClaimsTest {

    static final String DOC = "support_cases/org|case-1";
    static final String SOURCE = "tracker-support-v1-2";

    @Test
    void countsAnEventInADocumentOnlyOnceTheDocumentStandsAtItsRecord() {
        var claim = new EventClaims.Claim("org|e1", SOURCE, 40, "{}", List.of(DOC), null, null);

        assertThat(claim.isIn(DOC, new Document(SOURCE, 40L))).isTrue();
        assertThat(claim.isIn(DOC, new Document(SOURCE, 41L))).isTrue();
        // claimed, but its write not done yet (another consumer's): its own write will bring it
        assertThat(claim.isIn(DOC, new Document(SOURCE, 39L))).isFalse();
        assertThat(claim.isIn(DOC, new Document("tracker-support-v1-3", 90L))).isFalse();
    }

    @Test
    void leavesOutADocumentItsDeadLetteredRecordMissedAndCountsOneItsReplayDidNotHaveToWrite() {
        var deadLettered = new EventClaims.Claim("org|e1", SOURCE, 40, "{}", List.of(DOC), List.of(DOC), null);
        var replayed = new EventClaims.Claim(
                "org|e1", SOURCE, 90, "{}", List.of(DOC, "support_caseload/x"), null, List.of("support_caseload/x"));

        assertThat(deadLettered.isIn(DOC, new Document(SOURCE, 50L))).isFalse();
        // the first record wrote the case; the replay only the caseload, at a later offset
        assertThat(replayed.isIn(DOC, new Document(SOURCE, 50L))).isTrue();
        assertThat(replayed.isIn("support_caseload/x", new Document(SOURCE, 50L)))
                .isFalse();
    }
}
