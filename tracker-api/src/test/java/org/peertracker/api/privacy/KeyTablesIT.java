package org.peertracker.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peertracker.api.system.Views;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.Payload;
import org.peertracker.events.SealedText;
import org.peertracker.events.SignalReported;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.views.PseudonymTable;
import org.peertracker.views.TextKeys;

/**
 * The pseudonym table and the texts' keys against MongoDB: references are random and kept per organisation, survive a
 * key rotation, and are gone with an erasure; texts are sealed under their event's key, open while it exists, read as
 * erased once it is destroyed (or its wrapping key retired), and neither table holds a code or a text.
 */
class KeyTablesIT {

    static final String CODE = "ZQXW1985K";
    static final String MASTER = "master-secret-of-the-test";

    static final MongoDatabase database = TestInfrastructure.database("key_tables_it");

    @TempDir
    Path dir;

    final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void givesAClientARandomReferencePerOrganisationTheSameAtEveryEventAndANewOneAfterErasure() {
        var pseudonyms = pseudonyms(derived(1, 1));

        var first = ref(pseudonyms, org, CODE);
        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(ref(pseudonyms, org, " zqxw1985k ")).isEqualTo(first);
        assertThat(ref(pseudonyms, "other-" + org, CODE)).isNotEqualTo(first);
        assertThat(pseudonyms.reference(org, CODE)).contains(first);
        assertThat(pseudonyms.reference(org, "NOBODY42")).isEmpty();
        assertThat(table().find(new Document(PseudonymTable.ORG_ID, org))
                        .first()
                        .toJson())
                .doesNotContainIgnoringCase(CODE);

        pseudonyms.erase(org, pseudonyms.lookup(org, CODE));

        assertThat(pseudonyms.reference(org, CODE)).isEmpty();
        assertThat(pseudonyms.lookup(org, CODE)).isEmpty();
        var after = ref(pseudonyms, org, CODE);
        assertThat(after).isNotEqualTo(first);
    }

    @Test
    void keepsAClientsReferenceAcrossAKeyRotationAndAfterTheOldVersionIsRetired() {
        var before = ref(pseudonyms(derived(1, 1)), org, CODE);

        var rotated = pseudonyms(derived(2, 1));
        assertThat(ref(rotated, org, CODE)).isEqualTo(before);
        assertThat(table().countDocuments(new Document(PseudonymTable.ORG_ID, org)))
                .isEqualTo(2);

        var retired = pseudonyms(derived(2, 2));
        assertThat(ref(retired, org, CODE)).isEqualTo(before);
        // erased under the current version, the rows of every version go
        retired.erase(org, retired.lookup(org, CODE));
        assertThat(table().countDocuments(new Document(PseudonymTable.ORG_ID, org)))
                .isZero();
    }

    @Test
    void sealsATextUnderItsEventsKeyNamingItsVersionOpensItAndReadsItAsErasedOnceTheKeyIsGone() {
        var keys = derived(1, 1);
        var texts = new Texts(new Views(database), keys, clock);
        var signal = event(new SignalReported("s-1", "new-substance", "oost", "high", "a new pill, blue"));
        var campaign = event(new CampaignLaunched("k-1", "Safe nights", "more drop-in hours", null, null));

        var sealed = texts.seal(org, List.of(signal, campaign));
        var sealedText = ((SignalReported) sealed.get(0).payload()).text();
        var sealedGoal = ((CampaignLaunched) sealed.get(1).payload()).goal();

        assertThat(SealedText.parse(sealedText)).hasValueSatisfying(s -> {
            assertThat(s.keyVersion()).isEqualTo(1);
            assertThat(s.keyId()).isEqualTo(signal.eventId().toString());
        });
        assertThat(sealedText).doesNotContain("pill");
        assertThat(((CampaignLaunched) sealed.get(1).payload()).name()).isEqualTo("Safe nights");
        assertThat(texts.openOne(org, sealedText)).isEqualTo("a new pill, blue");
        assertThat(texts.openOne(org, sealedGoal)).isEqualTo("more drop-in hours");
        // sealed for one organisation, it does not open as another's
        assertThat(texts.openOne("other-" + org, sealedText)).isNull();
        // a re-send reuses the event's key, so both copies open
        var again =
                ((SignalReported) texts.seal(org, List.of(signal)).getFirst().payload()).text();
        assertThat(texts.openOne(org, again)).isEqualTo("a new pill, blue");
        assertThat(keysTable().find(new Document(TextKeys.ORG_ID, org)).first().toJson())
                .doesNotContain("pill");

        assertThat(texts.erase(org, List.of(signal.eventId().toString()))).isEqualTo(1);

        assertThat(texts.open(org, List.of(sealedText)).get(sealedText)).isInstanceOf(Texts.Opened.Erased.class);
        assertThat(texts.openAll(org, List.of(new Document("text", sealedText).append("kind", "x"))))
                .singleElement()
                .satisfies(d -> assertThat(d).doesNotContainKey("text").containsEntry("kind", "x"));
        assertThat(texts.openOne(org, sealedGoal)).isEqualTo("more drop-in hours");
    }

    @Test
    void opensTextsSealedBeforeARotationUntilTheirVersionIsRetiredAndShredsTextsPastRetention() throws Exception {
        Files.writeString(dir.resolve(org), "first-secret");
        var v1 = new OrgKeys(new OrgKeys.Settings(null, null, Map.of(), dir.toString(), false));
        var old = event(new SignalReported("s-1", "police", "west", "low", "before the rotation"));
        var sealedOld = ((SignalReported) new Texts(new Views(database), v1, clock)
                        .seal(org, List.of(old))
                        .getFirst()
                        .payload())
                .text();

        Files.writeString(dir.resolve(org + ".v2"), "second-secret");
        var v2 = new OrgKeys(new OrgKeys.Settings(null, null, Map.of(), dir.toString(), false));
        var texts = new Texts(new Views(database), v2, clock);
        var recent = event(new SignalReported("s-1", "police", "west", "low", "after the rotation"));
        var sealedNew =
                ((SignalReported) texts.seal(org, List.of(recent)).getFirst().payload()).text();

        assertThat(SealedText.parse(sealedNew).orElseThrow().keyVersion()).isEqualTo(2);
        assertThat(texts.openOne(org, sealedOld)).isEqualTo("before the rotation");
        assertThat(texts.openOne(org, sealedNew)).isEqualTo("after the rotation");

        var retired = new Texts(
                new Views(database),
                new OrgKeys(new OrgKeys.Settings(null, null, Map.of(), dir.toString(), false, 2, 2)),
                clock);
        assertThat(retired.openOne(org, sealedOld)).isNull();
        assertThat(retired.openOne(org, sealedNew)).isEqualTo("after the rotation");

        assertThat(texts.eraseSealedBefore(org, clock.instant().plusSeconds(1))).isEqualTo(2);
        assertThat(texts.openOne(org, sealedNew)).isNull();
    }

    private ClientPseudonyms pseudonyms(OrgKeys keys) {
        return new ClientPseudonyms(new Views(database), keys, clock);
    }

    private static OrgKeys derived(int current, int oldest) {
        return new OrgKeys(new OrgKeys.Settings(MASTER, null, Map.of(), null, true, current, oldest));
    }

    private static String ref(ClientPseudonyms pseudonyms, String org, String code) {
        var contact = SampleEvents.event(org, "peer-1", Instant.now(), SampleEvents.knownContact("s-1", "oost", code));
        return ((ContactRecorded) pseudonyms
                        .pseudonymise(org, List.of(contact))
                        .getFirst()
                        .payload())
                .clientRef();
    }

    private Event event(Payload payload) {
        return SampleEvents.event(org, "peer-1", Instant.now(), payload);
    }

    private MongoCollection<Document> table() {
        return database.getCollection(PseudonymTable.COLLECTION);
    }

    private MongoCollection<Document> keysTable() {
        return database.getCollection(TextKeys.COLLECTION);
    }
}
