package org.peertracker.worker.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peertracker.worker.projection.PublishedEvents.clientRef;
import static org.peertracker.worker.projection.PublishedEvents.event;
import static org.peertracker.worker.reach.AutumnReach.at;
import static org.peertracker.worker.reach.AutumnReach.known;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.Materials;
import org.peertracker.views.ClientsReached;
import org.peertracker.views.ViewKey;
import org.peertracker.worker.projection.InMemoryViews;
import org.peertracker.worker.projection.ViewProperties;

/** Which clients each event adds to which month and area, without Kafka or MongoDB. */
class ClientsReachedProjectorTest {

    static final String ORG = "org-reach";
    static final String REACHED = ClientsReachedProjector.REACHED;

    final ClientsReachedProjector projector =
            new ClientsReachedProjector(new ViewProperties(ZoneId.of("Europe/Amsterdam")));
    final List<Event> autumn = AutumnReach.events(ORG);

    @Test
    void keepsEachClientOncePerMonthAndAreaHoweverOftenItWasMet() {
        var views = InMemoryViews.project(projector, autumn);

        assertThat(clients(views, "2026-11", "oost")).containsExactlyInAnyOrder(ref("client-1"), ref("client-2"));
        assertThat(clients(views, "2026-11", "west")).containsExactly(ref("client-1"));
        assertThat(clients(views, "2026-10", "oost")).containsExactly(ref("client-1"));
        var november = views.document(REACHED, ViewKey.of(ORG, "2026-11", "oost"));
        assertThat(november.getString(ClientsReached.ORG_ID)).isEqualTo(ORG);
        assertThat(november.getString(ClientsReached.MONTH)).isEqualTo("2026-11");
        assertThat(november.getString(ClientsReached.AREA)).isEqualTo("oost");
    }

    @Test
    void putsTheClientsOfCasesUnderNoAreaInTheMonthTheCaseWasOpenedInTheViewsZone() {
        var views = InMemoryViews.project(projector, autumn);

        assertThat(clients(views, "2026-11", ClientsReached.NO_AREA))
                .containsExactlyInAnyOrder(ref("client-2"), ref("client-3"), ref("client-4"));
        assertThat(views.snapshot(List.of(REACHED)).get(REACHED))
                .extracting(doc -> doc.getString("_id"))
                .containsExactly(
                        ViewKey.of(ORG, "2026-10", "oost"),
                        ViewKey.of(ORG, "2026-11", ClientsReached.NO_AREA),
                        ViewKey.of(ORG, "2026-11", "oost"),
                        ViewKey.of(ORG, "2026-11", "west"));
    }

    @Test
    void ignoresAnonymousContactsAndEventsThatNameNoClient() {
        var anonymous = event(
                ORG,
                "peer-A",
                at(11, 20, 21),
                new ContactRecorded("s-1", "oost", true, null, null, 2, true, Materials.NONE, List.of()));

        assertThat(projector.project(anonymous)).isEmpty();
        assertThat(autumn.stream().filter(e -> projector.project(e).isEmpty()))
                .extracting(e -> e.payload().getClass().getSimpleName())
                .containsExactly("SessionStarted", "ContactRecorded", "CaseContactLogged");
    }

    @Test
    void endsInTheSameViewsWhateverTheOrderAndHoweverOftenEventsArrive() {
        var expected = InMemoryViews.project(projector, autumn).snapshot(List.of(REACHED));
        var random = new Random(16);
        for (int round = 0; round < 20; round++) {
            var shuffled = new ArrayList<>(
                    Stream.concat(autumn.stream(), autumn.stream().limit(round % 5))
                            .toList());
            Collections.shuffle(shuffled, random);

            assertThat(InMemoryViews.projectInBatches(projector, shuffled, 1 + round % 4)
                            .snapshot(List.of(REACHED)))
                    .isEqualTo(expected);
        }
    }

    @Test
    void refusesAReferenceThatWouldNotBeAFieldName() {
        var dotted = event(ORG, "peer-A", at(11, 20, 21), contactOf("ab.cd"));
        var operator = event(ORG, "peer-A", at(11, 20, 21), contactOf("$where"));

        assertThatThrownBy(() -> projector.project(dotted)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> projector.project(operator)).isInstanceOf(IllegalArgumentException.class);
        assertThat(projector.project(event(ORG, "peer-A", at(11, 20, 21), known(ORG, "s-1", "oost", "c"))))
                .hasSize(1);
    }

    private static ContactRecorded contactOf(String clientRef) {
        return new ContactRecorded("s-1", "oost", false, null, clientRef, 1, false, Materials.NONE, List.of());
    }

    private static List<String> clients(InMemoryViews views, String month, String area) {
        var doc = views.document(REACHED, ViewKey.of(ORG, month, area));
        return List.copyOf(doc.get(ClientsReached.CLIENTS, Document.class).keySet());
    }

    private static String ref(String client) {
        return clientRef(ORG, client);
    }
}
