package org.peertracker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/** After applying events, the worker tells dashboards which documents of which view changed. */
class ViewChangesIT extends ProjectionITSupport {

    @Test
    void publishesTheChangedDocumentsOfEachViewKeyedByOrganisation() {
        var org = newOrg();
        var at = Instant.parse("2026-11-20T20:00:00Z");
        var found = new ArrayList<JsonNode>();
        try (var consumer = TestInfrastructure.consumerFromStart("changes-", new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.VIEW_CHANGES));
            publish(event(
                    org,
                    "peer-1",
                    at,
                    SampleEvents.anonymousContact("s-1", "noord", 1, true, SampleEvents.syringes(2))));

            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(250)).forEach(record -> {
                    if (org.equals(record.key())) {
                        found.add(EventCodec.mapper().readTree(record.value()));
                    }
                });
                return found.stream()
                        .map(n -> n.path("view").asString())
                        .toList()
                        .containsAll(List.of("outreach_daily", "outreach_sessions", "activity_log", "peers"));
            });
        }
        assertThat(found)
                .allSatisfy(
                        change -> assertThat(change.path("orgId").asString()).isEqualTo(org));
        assertThat(found)
                .filteredOn(change -> change.path("view").asString().equals("outreach_daily"))
                .first()
                .satisfies(change ->
                        assertThat(change.path("ids").get(0).asString()).isEqualTo(org + "|2026-11-20|noord"));
    }
}
