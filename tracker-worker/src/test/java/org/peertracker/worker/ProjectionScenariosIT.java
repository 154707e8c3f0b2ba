package org.peertracker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peertracker.events.Event;
import org.peertracker.worker.activity.MixedDay;
import org.peertracker.worker.campaign.NaloxoneCampaign;
import org.peertracker.worker.involvement.TwoPeers;
import org.peertracker.worker.outreach.NightShift;
import org.peertracker.worker.projection.FamilyScenario;
import org.peertracker.worker.projection.InMemoryViews;
import org.peertracker.worker.reach.AutumnReach;
import org.peertracker.worker.support.CaseWork;

/**
 * What every view family must do with Kafka and MongoDB, whatever its views: its views hold what its projector says
 * (applied as its unit tests apply it, in memory), and stay so when events are sent again, replayed, dead-lettered
 * or rebuilt. What each event does to the figures is the projectors' unit tests' concern.
 * <p>
 * It runs before the other ITs, and its dead letters after its replays and rebuilds: every record left on the topics
 * is read again by each replay and rebuild, and a poison record costs a retry each time.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionScenariosIT extends ProjectionITSupport {

    static Stream<FamilyScenario> families() {
        return Stream.of(
                CaseWork.SCENARIO,
                NightShift.SCENARIO,
                NaloxoneCampaign.SCENARIO,
                TwoPeers.SCENARIO,
                MixedDay.SCENARIO,
                AutumnReach.SCENARIO);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void projectsADayAsItsProjectorSaysAndChangesNothingWhenEventsAreSentAgainOrReplayedFromOffsetZero(
            FamilyScenario scenario) {
        var org = newOrg();
        var day = scenario.day().apply(org);
        var expected = expected(scenario, day);
        // a field app that heard nothing back sends its first event again at once, so both may share a batch
        var sent = new ArrayList<>(day);
        sent.add(1, day.getFirst());

        publish(sent);
        awaitCaughtUp(scenario.family());
        assertThat(snapshot(scenario.family(), org)).isEqualTo(expected);

        // after an offline spell, a field app sends everything again, last first
        publish(day.reversed());
        awaitCaughtUp(scenario.family());
        assertThat(snapshot(scenario.family(), org)).isEqualTo(expected);

        replayFromOffsetZero(scenario.family());
        assertThat(snapshot(scenario.family(), org)).isEqualTo(expected);
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void rebuildsViewsEqualToTheLiveOnesAndKeepsProjectingIntoTheNewGeneration(FamilyScenario scenario) {
        var org = newOrg();
        var day = scenario.day().apply(org);
        publish(day);

        int generation = rebuildEqualsLive(scenario.family(), org);
        assertThat(snapshot(scenario.family(), org)).isEqualTo(expected(scenario, day));

        var followUp = scenario.followUp().apply(org);
        publish(followUp);
        var expected = expected(
                scenario, Stream.concat(day.stream(), Stream.of(followUp)).toList());
        assertThat(expected).isNotEqualTo(expected(scenario, day));
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(generation(scenario, org, generation)).isEqualTo(expected));
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void deadLettersAPoisonRecordAndAppliesTheGoodOneBehindIt(FamilyScenario scenario) {
        var org = newOrg();
        var poison = scenario.poison().apply(org);
        var good = poison.good();

        var record = publishRaw(good.topic(), good.key(), poison.value());
        publish(good);

        var expected = expected(scenario, List.of(good));
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(snapshot(scenario.family(), org)).isEqualTo(expected));
        assertDeadLetterOf(
                awaitDeadLetter(good.topic(), good.key(), scenario.family()), record, poison.value(), poison.reason());
    }

    /** The family's views for the organisation as its projector makes them from the events, in memory. */
    private Map<String, List<Document>> expected(FamilyScenario scenario, List<Event> events) {
        var projector = projections.projector(scenario.family());
        return InMemoryViews.project(projector, events).snapshot(projector.views());
    }

    /** The organisation's documents in the collections of one generation of the family's views. */
    private Map<String, List<Document>> generation(FamilyScenario scenario, String org, int generation) {
        var views = new LinkedHashMap<String, List<Document>>();
        projections
                .projector(scenario.family())
                .views()
                .forEach(view -> views.put(view, documents(view + "__g" + generation, org)));
        return views;
    }
}
