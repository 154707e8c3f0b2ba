package org.peertracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventSchemas;

class SimulatedFieldTest {

    static final Instant NOW = Instant.parse("2026-03-18T15:20:00Z");

    @Test
    void makesAMonthOfHistoryThatTheIntakeWouldAccept() {
        var history = new SimulatedField("mainline", 7).history(30, NOW);

        assertThat(history).hasSizeBetween(2000, 6000);
        history.forEach(SimulatedFieldTest::assertValid);
        assertThat(history).allSatisfy(event -> assertThat(event.occurredAt()).isBeforeOrEqualTo(NOW));
        var days = history.stream()
                .map(e -> LocalDate.ofInstant(e.occurredAt(), SimulatedField.ZONE))
                .distinct()
                .count();
        assertThat(days).isEqualTo(30);
        assertThat(types(history).keySet())
                .contains(
                        "outreach.session-started",
                        "outreach.contact-recorded",
                        "outreach.signal-reported",
                        "outreach.session-ended",
                        "case.opened",
                        "case.contact-logged",
                        "case.referral-made",
                        "case.referral-closed",
                        "case.closed",
                        "campaign.launched",
                        "campaign.action-recorded",
                        "campaign.outcome-recorded",
                        "campaign.closed",
                        "peer.joined",
                        "peer.involvement-recorded",
                        "peer.training-completed",
                        "peer.compensation-paid");
    }

    @Test
    void logsMostlyAnonymousContactsAndSomeKnownByAClientCode() {
        var contacts = new SimulatedField("mainline", 7)
                .history(30, NOW).stream()
                        .map(Event::payload)
                        .filter(ContactRecorded.class::isInstance)
                        .map(ContactRecorded.class::cast)
                        .toList();

        var known = contacts.stream().filter(c -> !c.anonymous()).toList();
        assertThat(known.size()).isBetween(contacts.size() / 10, contacts.size() / 4);
        assertThat(known).allSatisfy(c -> assertThat(c.clientCode()).matches("[A-Z]{4}(19[6-9][0-9]|200[0-2])[MFX]"));
        assertThat(contacts.stream().filter(ContactRecorded::anonymous))
                .allSatisfy(c -> assertThat(c.clientCode()).isNull());
    }

    @Test
    void sendsSomeEventsTwiceAndSomeHoursLate() {
        var field = new SimulatedField("mainline", 11);
        var batches = new ArrayList<List<Event>>();
        for (int i = 0; i < 3000; i++) {
            batches.add(field.next(NOW.plusSeconds(i)));
        }
        var all = batches.stream().flatMap(List::stream).toList();

        all.forEach(SimulatedFieldTest::assertValid);
        var seen = new HashSet<>();
        long resent = all.stream().filter(e -> !seen.add(e.eventId())).count();
        assertThat(resent).isBetween(20L, 150L);
        var late = batches.stream()
                .filter(b -> b.size() > 3 && b.getFirst().occurredAt().isBefore(NOW.minus(Duration.ofMinutes(30))))
                .count();
        assertThat(late).isGreaterThan(10);
        for (int i = 0; i < batches.size(); i++) {
            var sentAt = NOW.plusSeconds(i);
            assertThat(batches.get(i))
                    .allSatisfy(e -> assertThat(e.occurredAt()).isBeforeOrEqualTo(sentAt));
        }
        var types = types(all);
        assertThat(types.get("outreach.contact-recorded")).isGreaterThan(all.size() / 3);
    }

    @Test
    void givesTheSameEventsForTheSameSeed() {
        assertThat(new SimulatedField("mainline", 3).history(5, NOW))
                .isEqualTo(new SimulatedField("mainline", 3).history(5, NOW));
    }

    private static void assertValid(Event event) {
        var tree = EventCodec.mapper().readTree(EventCodec.write(event));
        assertThat(EventSchemas.validate(tree)).as("%s", tree).isEmpty();
    }

    private static Map<String, Long> types(List<Event> events) {
        return events.stream().collect(Collectors.groupingBy(Event::type, Collectors.counting()));
    }
}
