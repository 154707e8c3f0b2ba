package org.peertracker.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.api.system.Views;
import org.peertracker.events.ClientErased;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.EventCodec;
import org.peertracker.events.SignalReported;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.views.ErasedClientRefs;
import org.peertracker.views.ErasureAudit;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * The retention job: past an organisation's period, texts lose their keys and clients not seen since are erased as on
 * request (tombstone, rows destroyed, a notice with cause retention, an audit entry); what is younger stays, and an
 * organisation without a period keeps everything.
 */
class RetentionIT {

    static final Instant DAY_ONE = Instant.parse("2026-11-01T10:00:00Z");

    static final MongoDatabase database = TestInfrastructure.database("retention_it");

    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
    final String keeper = "keeper-" + UUID.randomUUID().toString().substring(0, 8);
    final OrgKeys keys = new OrgKeys(new OrgKeys.Settings("master", null, Map.of(), null, true));
    final MockProducer<String, byte[]> kafka =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void shredsTextsAndErasesClientsPastThePeriodAndKeepsWhatIsYoungerAndOtherOrganisations() {
        var then = Clock.fixed(DAY_ONE, ZoneOffset.UTC);
        var now = Clock.fixed(DAY_ONE.plus(Duration.ofDays(40)), ZoneOffset.UTC);
        var oldText = seal(then, org, "an old signal");
        var keptText = seal(then, keeper, "kept: no period");
        var oldClient = ref(then, org, "OLDC1990A");
        var seenAgain = ref(then, org, "SEEN1985B");
        ref(now, org, "SEEN1985B");
        var newText = seal(now, org, "a new signal");
        var registry = new SimpleMeterRegistry();

        new Retention(new Retention.Settings(Map.of(org, Duration.ofDays(30))), erasures(now), now, registry).run();

        var texts = new Texts(new Views(database), keys, now);
        assertThat(texts.openOne(org, oldText)).isNull();
        assertThat(texts.openOne(org, newText)).isEqualTo("a new signal");
        assertThat(texts.openOne(keeper, keptText)).isEqualTo("kept: no period");
        var pseudonyms = new ClientPseudonyms(new Views(database), keys, now);
        assertThat(pseudonyms.reference(org, "OLDC1990A")).isEmpty();
        assertThat(pseudonyms.reference(org, "SEEN1985B")).contains(seenAgain);
        assertThat(database.getCollection(ErasedClientRefs.COLLECTION)
                        .countDocuments(new Document("_id", ErasedClientRefs.key(org, oldClient))))
                .isEqualTo(1);
        assertThat(kafka.history()).singleElement().satisfies(record -> {
            var notice = EventCodec.mapper().readValue(record.value(), ClientErased.class);
            assertThat(notice.clientRef()).isEqualTo(oldClient);
            assertThat(notice.cause()).isEqualTo(ClientErased.RETENTION);
        });
        assertThat(database.getCollection(ErasureAudit.COLLECTION)
                        .find(new Document(ErasureAudit.ORG_ID, org))
                        .map(d -> d.getString(ErasureAudit.KIND) + ":" + d.getString(ErasureAudit.CAUSE))
                        .into(new ArrayList<>()))
                .containsExactlyInAnyOrder("text:retention", "client:retention");
        assertThat(registry.get("tracker.retention.erased")
                        .tag("kind", "text")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("tracker.retention.erased")
                        .tag("kind", "client")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("tracker.retention.last.run").gauge().value())
                .isEqualTo((double) now.instant().getEpochSecond());
    }

    private Erasures erasures(Clock clock) {
        var template = new KafkaTemplate<>(new MockProducerFactory<>(() -> kafka));
        return new Erasures(
                new Views(database),
                new ClientPseudonyms(new Views(database), keys, clock),
                new Texts(new Views(database), keys, clock),
                template,
                clock);
    }

    private String seal(Clock clock, String orgId, String text) {
        var signal = SampleEvents.event(
                orgId, "p-1", clock.instant(), new SignalReported("s-1", "new-substance", "oost", "high", text));
        return ((SignalReported) new Texts(new Views(database), keys, clock)
                        .seal(orgId, List.of(signal))
                        .getFirst()
                        .payload())
                .text();
    }

    private String ref(Clock clock, String orgId, String code) {
        var contact = SampleEvents.event(orgId, "p-1", clock.instant(), SampleEvents.knownContact("s-1", "oost", code));
        return ((ContactRecorded) new ClientPseudonyms(new Views(database), keys, clock)
                        .pseudonymise(orgId, List.of(contact))
                        .getFirst()
                        .payload())
                .clientRef();
    }
}
