package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.MongoTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peertracker.api.security.Caller;
import org.peertracker.api.support.Cases;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.Event;
import org.peertracker.events.EventVoided;
import org.peertracker.testing.SampleEvents;

/** The case rules, with the views' answers given by the test. */
class WriteAuthorityTest {

    static final String ORG = "org-1";
    static final Caller PEER =
            new Caller(ORG, Caller.Role.PEER, "p1", "p1", Instant.now().plusSeconds(3600), false);
    static final Caller COORDINATOR = new Caller(ORG, Caller.Role.COORDINATOR, null, "c", Instant.now(), false);
    static final WriteAuthority VIEWS_DOWN = new WriteAuthority((org, cases) -> {
        throw new MongoTimeoutException("no server");
    });

    @Test
    void takesAPeersCaseEventsNeitherNowNorUncheckedWhenTheViewsCannotBeRead() {
        var contact = contact("c-own");
        var request = VIEWS_DOWN.begin(PEER, ORG, List.of(contact));

        var verdict = request.check(contact);

        assertThat(verdict.undecided()).isTrue();
        assertThat(verdict.violations()).extracting(v -> v.rule()).containsExactly("views-unavailable");
    }

    @Test
    void takesAPeersCorrectionOfACaseEventNeitherNowNorUncheckedWhenTheViewsCannotBeRead() {
        var voiding = SampleEvents.event(
                ORG,
                "p1",
                Instant.now(),
                new EventVoided(UUID.randomUUID(), "case.contact-logged", "c-own", "other", null));
        var request = VIEWS_DOWN.begin(PEER, ORG, List.of(voiding));

        var verdict = request.check(voiding);

        assertThat(verdict.undecided()).isTrue();
        assertThat(verdict.violations())
                .extracting(v -> v.field(), v -> v.rule())
                .containsExactly(tuple("payload.targetEventId", "views-unavailable"));
    }

    @Test
    void takesACoordinatorsOpeningWhenTheViewsCannotBeReadAsInARaceThatTheFirstReceivedWins() {
        var opening = opening("c-new", "p1");
        var request = VIEWS_DOWN.begin(COORDINATOR, ORG, List.of(opening));

        assertThat(request.check(opening)).isEqualTo(WriteAuthority.Verdict.TAKEN);
    }

    @Test
    void readsTheViewsOnlyForWhatNeedsThem() {
        var asked = new ArrayList<String>();
        var authority = new WriteAuthority((org, cases) -> {
            asked.addAll(cases);
            return Map.of();
        });

        authority.begin(COORDINATOR, ORG, List.of(contact("c-1"), opening("c-2", "p1")));
        authority.begin(PEER, ORG, List.of(contact("c-3")));

        assertThat(asked).containsExactly("c-2", "c-3");
    }

    @Test
    void refusesAPeerTheContactOfACaseReassignedAwayFromIt() {
        var authority = new WriteAuthority((org, cases) -> Map.of("c-1", new Cases.Standing("e-1", "p2")));
        var contact = contact("c-1");

        var verdict = authority.begin(PEER, ORG, List.of(contact)).check(contact);

        assertThat(verdict.undecided()).isFalse();
        assertThat(verdict.violations()).extracting(v -> v.rule()).containsExactly("own-case");
    }

    private static Event contact(String caseId) {
        return SampleEvents.event(ORG, "p1", Instant.now(), new CaseContactLogged(caseId, "phone", 5, List.of()));
    }

    private static Event opening(String caseId, String peer) {
        return SampleEvents.event(
                ORG, peer, Instant.now(), new CaseOpened(caseId, null, "ab".repeat(32), List.of(), "self"));
    }
}
