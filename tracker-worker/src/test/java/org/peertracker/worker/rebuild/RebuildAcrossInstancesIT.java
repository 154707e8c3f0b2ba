package org.peertracker.worker.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Materials;
import org.peertracker.testing.SampleEvents;
import org.peertracker.views.OutreachDaily;
import org.peertracker.views.OutreachFigures;
import org.peertracker.views.OutreachSessions;
import org.peertracker.worker.ProjectionITSupport;

/**
 * A rebuild while another worker instance projects the same family (a second live container in the same consumer
 * group, sharing the partitions): one rebuild of a family at a time, and after the switch both instances write the
 * new generation from where the rebuild stood, so every event sent before, during and after the rebuild is counted
 * once in the generation readers use, and the old generation is left empty.
 */
class RebuildAcrossInstancesIT extends ProjectionITSupport {

    static final String FAMILY = "outreach";

    @Test
    void countsEveryEventOnceWhenAFamilyIsRebuiltWhileAnotherInstanceProjectsIt() throws Exception {
        var org = newOrg();
        var sent = new AtomicInteger();
        var peopleReached = new AtomicInteger();
        for (int i = 0; i < 60; i++) {
            send(org, i, sent, peopleReached);
        }
        var other = projections.container(
                projections.projector(FAMILY), generations.current(FAMILY), projections.groupOf(FAMILY), true);
        other.start();
        var oldCollections = new ArrayList<String>();
        projections.projector(FAMILY).views().forEach(view -> oldCollections.add(physical(view)));
        var sending = new AtomicBoolean(true);
        var sender = Thread.ofVirtual().start(() -> {
            int i = 60;
            while (sending.get()) {
                send(org, i++, sent, peopleReached);
            }
        });
        try {
            var started = rebuilds.start(FAMILY);
            assertThatThrownBy(() -> rebuilds.start(FAMILY))
                    .isInstanceOf(Rebuilds.RebuildRunning.class)
                    .hasMessageContaining("generation " + started.generation());
            await().atMost(PATIENCE)
                    .until(() -> rebuilds.progress().get(FAMILY).status().equals("done"));
            // events sent after the switch are projected by both instances' live listeners into the new generation
            int afterSwitch = sent.get();
            await().atMost(PATIENCE).until(() -> sent.get() >= afterSwitch + 30);
        } finally {
            sending.set(false);
            sender.join();
            other.stop();
        }

        awaitCaughtUp(FAMILY);
        await().atMost(PATIENCE).untilAsserted(() -> {
            var days = documents(physical(OutreachDaily.COLLECTION), org);
            assertThat(sum(days, OutreachFigures.CONTACTS)).isEqualTo(sent.get());
            assertThat(sum(days, OutreachFigures.PEOPLE_REACHED)).isEqualTo(peopleReached.get());
            assertThat(sum(documents(physical(OutreachSessions.COLLECTION), org), OutreachFigures.CONTACTS))
                    .isEqualTo(sent.get());
        });
        assertThat(physical(OutreachDaily.COLLECTION))
                .endsWith("__g" + rebuilds.progress().get(FAMILY).generation());
        for (var old : oldCollections) {
            assertThat(documents(old, org))
                    .as("documents left in the dropped %s", old)
                    .isEmpty();
        }
    }

    private static void send(String org, int i, AtomicInteger sent, AtomicInteger peopleReached) {
        int group = 1 + i % 3;
        publish(event(
                org,
                "peer-" + (i % 4),
                Instant.now().minusSeconds(60),
                SampleEvents.anonymousContact("s-" + (i % 12), "oost", group, i % 2 == 0, Materials.NONE)));
        sent.incrementAndGet();
        peopleReached.addAndGet(group);
    }
}
