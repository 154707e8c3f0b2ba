package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peertracker.api.privacy.ClientPseudonyms;
import org.peertracker.api.privacy.OrgKeys;
import org.peertracker.api.privacy.Texts;
import org.peertracker.api.security.Caller;
import org.peertracker.api.system.Views;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.service.corrections.CorrectionSettings;
import org.peertracker.testing.SampleEvents;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import tools.jackson.databind.JsonNode;

class IntakeTest {

    static final String CODE = "ZQXW1985K";

    @TempDir
    Path secrets;

    private final MockProducer<String, byte[]> kafka =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void rejectsTheClientCodeOfAnOrganisationWithoutAKeyAndTakesItsOtherEvents() throws Exception {
        Files.writeString(secrets.resolve("mainline"), "mainline-secret");
        var intake = intake(new OrgKeys(new OrgKeys.Settings(null, null, Map.of(), secrets.toString(), false)));
        var known = SampleEvents.event(
                "elsewhere", "peer-1", Instant.now(), SampleEvents.knownContact("s-1", "oost", CODE));
        var anonymous = SampleEvents.event(
                "elsewhere", "peer-1", Instant.now(), SampleEvents.anonymousContact("s-1", "oost", 2, false, null));

        var results = intake.take(
                new Caller(
                        "elsewhere",
                        Caller.Role.COORDINATOR,
                        null,
                        "c-1",
                        Instant.now().plusSeconds(3600),
                        false),
                "elsewhere",
                List.of(json(known), json(anonymous)));

        assertThat(results).extracting(EventResult::status).containsExactly(EventResult.REJECTED, EventResult.ACCEPTED);
        assertThat(results.getFirst().errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("payload.clientCode");
            assertThat(error.rule()).isEqualTo("pseudonymisation-key");
            assertThat(error.message()).doesNotContain(CODE);
        });
        assertThat(kafka.history()).singleElement().satisfies(record -> {
            assertThat(EventCodec.read(record.value()).eventId()).isEqualTo(anonymous.eventId());
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(CODE);
        });
    }

    private Intake intake(OrgKeys keys) {
        var clock = Clock.systemUTC();
        // no MongoDB: these events name no client and carry no text, so the tables are never read
        var views = new Views(null);
        var properties = IntakeDefaults.properties(16);
        var publisher = new EventPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> kafka)));
        return new Intake(
                new IntakeRules(clock, properties),
                new WriteAuthority((org, cases) -> Map.of()),
                new CorrectionAuthority(new CorrectionSettings(Duration.ofDays(7)), clock),
                (org, ids) -> Map.of(),
                keys,
                new ClientPseudonyms(views, keys, clock),
                new Texts(views, keys, clock),
                publisher,
                properties,
                clock);
    }

    private static JsonNode json(Event event) {
        return EventCodec.mapper().readTree(EventCodec.write(event));
    }
}
