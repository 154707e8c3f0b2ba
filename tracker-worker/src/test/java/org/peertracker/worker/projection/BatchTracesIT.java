package org.peertracker.worker.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.worker.ProjectionITSupport;
import org.springframework.beans.factory.annotation.Autowired;

/** The trace of a request reaches the batch that projects its events: the batch's span links to it. */
class BatchTracesIT extends ProjectionITSupport {

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void opensASpanPerBatchLinkedToTheTraceEachOfItsRecordsCarries() {
        var org = newOrg();
        var traces = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var trace = UUID.randomUUID().toString().replace("-", "");
            traces.add(trace);
            publish(
                    event(
                            org,
                            "peer-1",
                            Instant.now(),
                            new CampaignLaunched(
                                    "camp-" + i, "Safe spaces", "Open a room", LocalDate.of(2026, 12, 1), null)),
                    Map.of("traceparent", "00-" + trace + "-00f067aa0ba902b7-01"));
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            var linked = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getName().equals(BatchTraces.SPAN))
                    .filter(span -> "campaign".equals(span.getAttributes().get(AttributeKey.stringKey("family"))))
                    .filter(span -> "live".equals(span.getAttributes().get(AttributeKey.stringKey("kind"))))
                    .flatMap(span -> span.getLinks().stream())
                    .map(link -> link.getSpanContext().getTraceId())
                    .toList();
            assertThat(linked).containsAll(traces);
        });
    }
}
