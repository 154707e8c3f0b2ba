package org.peertracker.worker.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.mongo.Ranked;

/** The in-memory views apply updates as MongoDB does; the shared ITs compare them with MongoDB's documents too. */
class InMemoryViewsTest {

    static final Instant NINE = Instant.parse("2026-03-02T09:00:00.123456Z");
    static final Instant TEN = Instant.parse("2026-03-02T10:00:00Z");

    final InMemoryViews views = new InMemoryViews();

    @Test
    void upsertsByIdAddingUpWholeNumbersAsWholeAndFractionsAsFractions() {
        apply(new DocumentUpdate().inc("contacts", 1).inc("hours", 2));
        apply(new DocumentUpdate().inc("contacts", 2).inc("hours", 0.25));

        assertThat(document())
                .isEqualTo(new Document("_id", "org|d").append("contacts", 3L).append("hours", 2.25));
        assertThat(views.documents("view")).hasSize(1);
    }

    @Test
    void setsOnInsertOnlyWhenTheUpdateInsertsTheDocument() {
        apply(new DocumentUpdate().setOnInsert("area", "oost").set("sessionId", "night-1"));
        apply(new DocumentUpdate().setOnInsert("area", "west").set("sessionId", "night-1"));

        assertThat(document())
                .isEqualTo(new Document("_id", "org|d").append("area", "oost").append("sessionId", "night-1"));
    }

    @Test
    void createsSubDocumentsAlongADottedPathAndKeepsTheirOtherFields() {
        apply(new DocumentUpdate().set("referrals.ref-1.service", "housing").inc("modes.phone", 1));
        apply(new DocumentUpdate().set("referrals.ref-1.outcome", "attended").inc("modes.online", 1));

        assertThat(document())
                .isEqualTo(new Document("_id", "org|d")
                        .append(
                                "referrals",
                                new Document("ref-1", new Document("service", "housing").append("outcome", "attended")))
                        .append("modes", new Document("phone", 1L).append("online", 1L)));
    }

    @Test
    void keepsTheGreatestMaxAndTheLeastMinOfTimesAsDatesToTheMillisecond() {
        apply(new DocumentUpdate().max("lastAt", NINE).min("firstAt", TEN).max("highest", 3));
        apply(new DocumentUpdate().max("lastAt", TEN).min("firstAt", NINE).max("highest", 2));
        apply(new DocumentUpdate().max("lastAt", NINE).min("firstAt", TEN));

        assertThat(document())
                .isEqualTo(new Document("_id", "org|d")
                        .append("lastAt", Date.from(TEN))
                        .append("firstAt", new Date(NINE.toEpochMilli()))
                        .append("highest", 3));
    }

    @Test
    void replacesARankedSubDocumentWholeComparingItsRankAlone() {
        apply(new DocumentUpdate().min("opening", new Ranked("2026-03-02|b", Map.of("peerId", "peer-B", "z", 1))));
        apply(new DocumentUpdate().min("opening", new Ranked("2026-03-02|a", Map.of("peerId", "peer-A"))));
        apply(new DocumentUpdate().min("opening", new Ranked("2026-03-03|c", Map.of("peerId", "peer-C", "a", 0))));

        assertThat(document().get("opening"))
                .isEqualTo(new Document("rank", "2026-03-02|a").append("peerId", "peer-A"));
    }

    @Test
    void addsEachNewMemberToASetOnceInOrderOfArrival() {
        apply(new DocumentUpdate().addToSet("peers", "peer-B").addToSet("peers", "peer-A"));
        apply(new DocumentUpdate()
                .addToSet("peers", "peer-A")
                .addToSet("peers", "peer-C")
                .addToSet("outcomes", new Document("level", "local")));
        apply(new DocumentUpdate().addToSet("outcomes", new Document("level", "local")));

        assertThat(document().getList("peers", String.class)).containsExactly("peer-B", "peer-A", "peer-C");
        assertThat(document().getList("outcomes", Document.class)).containsExactly(new Document("level", "local"));
    }

    @Test
    void refusesWhatMongoDbRefusesAndLeavesTheDocumentAsItWas() {
        apply(new DocumentUpdate()
                .inc("hoursByRole.educating", 1.0)
                .set("outcome", "attended")
                .inc("contacts", 1));

        // a role with a dot in it runs into the number of another role
        assertThatThrownBy(() -> apply(new DocumentUpdate().inc("contacts", 1).inc("hoursByRole.educating.extra", 2.0)))
                .hasMessageContaining("hoursByRole.educating.extra");
        assertThatThrownBy(() -> apply(new DocumentUpdate().inc("outcome", 1))).hasMessageContaining("outcome");
        assertThatThrownBy(() ->
                        apply(new DocumentUpdate().set("modes", new Document()).inc("modes.phone", 1)))
                .hasMessageContaining("conflict");
        assertThatThrownBy(() -> apply(new DocumentUpdate().addToSet("contacts", 1)))
                .hasMessageContaining("contacts");

        assertThat(document())
                .isEqualTo(new Document("_id", "org|d")
                        .append("hoursByRole", new Document("educating", 1.0))
                        .append("outcome", "attended")
                        .append("contacts", 1L));
    }

    private void apply(DocumentUpdate update) {
        views.apply(List.of(new ViewUpdate("view", "org|d", update)));
    }

    private Document document() {
        return views.document("view", "org|d");
    }
}
