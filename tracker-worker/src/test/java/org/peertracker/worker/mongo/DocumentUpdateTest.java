package org.peertracker.worker.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DocumentUpdateTest {

    static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant TEN = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void addsUpCountsAndKeepsWholeNumbersWhole() {
        var update = new DocumentUpdate()
                .inc("contacts", 1)
                .inc("minutes", 30)
                .merge(new DocumentUpdate().inc("contacts", 1).inc("minutes", 15))
                .merge(new DocumentUpdate().inc("contacts", 1));

        assertThat(update.toBson())
                .isEqualTo(new Document("$inc", new Document("contacts", 3L).append("minutes", 45L)));
    }

    @Test
    void addsFractionsToWholeNumbersAsFractions() {
        var update = new DocumentUpdate()
                .inc("hours", 2)
                .merge(new DocumentUpdate().inc("hours", 0.25))
                .merge(new DocumentUpdate().inc("hours", 1));

        assertThat(update.toBson()).isEqualTo(new Document("$inc", new Document("hours", 3.25)));
    }

    @Test
    void ignoresAZeroAmountButKeepsAnAmountThatNetsToZero() {
        assertThat(new DocumentUpdate().inc("newContacts", 0).inc("hours", 0.0).isEmpty())
                .isTrue();

        // a referral closed before its making is seen: -1 then +1 still names the field, so it exists as 0
        var pending =
                new DocumentUpdate().inc("referralsPending", -1).merge(new DocumentUpdate().inc("referralsPending", 1));
        assertThat(pending.toBson()).isEqualTo(new Document("$inc", new Document("referralsPending", 0L)));
    }

    @Test
    void letsTheLaterSetWin() {
        var update = new DocumentUpdate()
                .set("outcome", "lost-contact")
                .set("area", "oost")
                .merge(new DocumentUpdate().set("outcome", "goals-met"));

        assertThat(update.toBson())
                .isEqualTo(new Document("$set", new Document("outcome", "goals-met").append("area", "oost")));
    }

    @Test
    void keepsTheFirstSetOnInsert() {
        var update = new DocumentUpdate()
                .setOnInsert("area", "oost")
                .merge(new DocumentUpdate().setOnInsert("area", "west"));

        assertThat(update.toBson()).isEqualTo(new Document("$setOnInsert", new Document("area", "oost")));
    }

    @Test
    void dropsTheSetOnInsertOfALaterUpdateSinceOnlyTheFirstCanInsertTheDocument() {
        // a signal creates the session's document; the contact after it finds the document there
        var signalThenContact = new DocumentUpdate()
                .inc("signals", 1)
                .merge(new DocumentUpdate().setOnInsert("area", "oost").inc("contacts", 1));

        assertThat(signalThenContact.toBson())
                .isEqualTo(new Document("$inc", new Document("signals", 1L).append("contacts", 1L)));
    }

    @Test
    void letsASetOverrideASetOnInsertWhicheverComesFirst() {
        // a contact names the area only if its session's start is not seen; the start always names it
        var startLater = new DocumentUpdate()
                .setOnInsert("area", "from-contact")
                .merge(new DocumentUpdate().set("area", "from-start"));
        var startFirst = new DocumentUpdate()
                .set("area", "from-start")
                .merge(new DocumentUpdate().setOnInsert("area", "from-contact"));
        var inOneUpdate = new DocumentUpdate().set("area", "from-start").setOnInsert("area", "from-contact");

        var expected = new Document("$set", new Document("area", "from-start"));
        assertThat(startLater.toBson()).isEqualTo(expected);
        assertThat(startFirst.toBson()).isEqualTo(expected);
        assertThat(inOneUpdate.toBson()).isEqualTo(expected);
    }

    @Test
    void keepsTheGreatestMaxAndTheLeastMinWhateverTheOrder() {
        var forwards = new DocumentUpdate()
                .max("lastContactAt", NINE)
                .min("openedAt", NINE)
                .max("owner", "2026-03-02|peer-A")
                .merge(new DocumentUpdate()
                        .max("lastContactAt", TEN)
                        .min("openedAt", TEN)
                        .max("owner", "2026-03-12|peer-B"));
        var backwards = new DocumentUpdate()
                .max("lastContactAt", TEN)
                .min("openedAt", TEN)
                .max("owner", "2026-03-12|peer-B")
                .merge(new DocumentUpdate()
                        .max("lastContactAt", NINE)
                        .min("openedAt", NINE)
                        .max("owner", "2026-03-02|peer-A"));

        var expected = new Document("$max", new Document("lastContactAt", TEN).append("owner", "2026-03-12|peer-B"))
                .append("$min", new Document("openedAt", NINE));
        assertThat(forwards.toBson()).isEqualTo(expected);
        assertThat(backwards.toBson()).isEqualTo(expected);
    }

    @Test
    void unitesAddToSetsInOrderOfFirstSight() {
        var update = new DocumentUpdate()
                .addToSet("peers", "peer-A")
                .addToSet("peers", "peer-B")
                .merge(new DocumentUpdate()
                        .addToSet("peers", "peer-B")
                        .addToSet("peers", "peer-C")
                        .addToSet("cities", "Utrecht"));

        assertThat(update.toBson())
                .isEqualTo(new Document(
                        "$addToSet",
                        new Document()
                                .append("peers", new Document("$each", List.of("peer-A", "peer-B", "peer-C")))
                                .append("cities", new Document("$each", List.of("Utrecht")))));
    }

    @Test
    void mergesToTheSameUpdateHoweverTheUpdatesAreGrouped() {
        var updates = List.of(
                new DocumentUpdate()
                        .setOnInsert("area", "oost")
                        .inc("contacts", 1)
                        .max("lastAt", NINE)
                        .addToSet("peers", "a"),
                new DocumentUpdate().set("area", "west").inc("hours", 0.5).min("firstAt", TEN),
                new DocumentUpdate()
                        .setOnInsert("area", "zuid")
                        .inc("contacts", 2)
                        .addToSet("peers", "b"),
                new DocumentUpdate()
                        .set("status", "open")
                        .max("lastAt", TEN)
                        .min("firstAt", NINE)
                        .addToSet("peers", "a"),
                new DocumentUpdate().set("status", "closed").inc("hours", 1.25));

        var allAtOnce = new DocumentUpdate();
        updates.forEach(allAtOnce::merge);
        var inTwoBatches = new DocumentUpdate()
                .merge(updates.get(0))
                .merge(updates.get(1))
                .merge(new DocumentUpdate()
                        .merge(updates.get(2))
                        .merge(updates.get(3))
                        .merge(updates.get(4)));

        assertThat(inTwoBatches.toBson()).isEqualTo(allAtOnce.toBson());
        assertThat(allAtOnce.toBson())
                .isEqualTo(new Document()
                        .append("$inc", new Document("contacts", 3L).append("hours", 1.75))
                        .append("$set", new Document("area", "west").append("status", "closed"))
                        .append("$max", new Document("lastAt", TEN))
                        .append("$min", new Document("firstAt", NINE))
                        .append("$addToSet", new Document("peers", new Document("$each", List.of("a", "b")))));
    }

    @Test
    void leavesTheMergedUpdateAsItWas() {
        var later = new DocumentUpdate()
                .inc("contacts", 1)
                .addToSet("peers", "peer-B")
                .set("area", "oost");
        var before = later.toBson();

        new DocumentUpdate()
                .inc("contacts", 5)
                .addToSet("peers", "peer-A")
                .merge(later)
                .addToSet("peers", "peer-C");

        assertThat(later.toBson()).isEqualTo(before);
    }
}
