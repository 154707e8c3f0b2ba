package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.testing.SampleEvents;

/**
 * A field app under faults, as the contract asks it to behave: it posts batches of new events, and re-sends every
 * event the intake did not accept (a 503, or no answer) with the same eventId until it is accepted. It keeps what the
 * intake answered and when, and which events it acknowledged: the input set of a fault test.
 */
final class FieldApp {

    /** One request: when it was sent and answered ({@link System#nanoTime()}), and the status (-1: no answer). */
    record Answer(long sentNanos, long answeredNanos, int status) {}

    private static final Duration NO_ANSWER_BACKOFF = Duration.ofMillis(100);

    private final String api;
    private final String url;
    private final String org;
    private final Map<String, Event> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final Deque<Event> unacknowledged = new ArrayDeque<>();
    private final AtomicBoolean newEvents = new AtomicBoolean(true);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;
    private int batch;

    FieldApp(String api, String org) {
        this.api = api;
        this.url = api + "/api/v1/orgs/" + org + "/events";
        this.org = org;
    }

    void start() {
        thread = Thread.ofPlatform().name("field-app-" + org).start(this::run);
    }

    /** Stops making new events and waits until every event made so far is acknowledged. */
    void drain(Duration timeout) throws InterruptedException {
        newEvents.set(false);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() > 0 && System.nanoTime() < deadline && thread.isAlive()) {
            thread.join(Duration.ofMillis(200));
        }
        running.set(false);
        thread.join(Duration.ofSeconds(40));
    }

    /**
     * Drains ({@link #drain}) and checks that every event made was acknowledged and none rejected; answers their
     * eventIds.
     */
    Set<String> settle(Duration timeout) throws InterruptedException {
        drain(timeout);
        assertThat(pending()).isZero();
        assertThat(rejected()).isEmpty();
        return acknowledged().keySet();
    }

    /** Waits until the API's daily figures add up to the acknowledged contacts: as many, reaching as many people. */
    void awaitDailyFigures(Duration timeout) {
        var contacts = contacts();
        await().atMost(timeout).untilAsserted(() -> {
            var days =
                    Client.get(api + "/api/v1/orgs/" + org + "/outreach/daily").path("days");
            assertThat(days.valueStream()
                            .mapToLong(d -> d.path("contacts").asLong())
                            .sum())
                    .isEqualTo(contacts.size());
            assertThat(days.valueStream()
                            .mapToLong(d -> d.path("peopleReached").asLong())
                            .sum())
                    .isEqualTo(contacts.stream()
                            .mapToLong(ContactRecorded::groupSize)
                            .sum());
        });
    }

    /** Stops at once, e.g. when a test fails. */
    void stop() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(Duration.ofSeconds(40));
        }
    }

    synchronized int pending() {
        return unacknowledged.size();
    }

    Map<String, Event> acknowledged() {
        return acknowledged;
    }

    Set<String> rejected() {
        return rejected;
    }

    List<Answer> answers() {
        return answers;
    }

    /** The answers to requests sent after {@code fromNanos} and answered before {@code toNanos}. */
    List<Answer> answersWithin(long fromNanos, long toNanos) {
        return answers.stream()
                .filter(a -> a.sentNanos() >= fromNanos && a.answeredNanos() <= toNanos)
                .toList();
    }

    long answeredAfter(long nanos, int status) {
        return answers.stream()
                .filter(a -> a.sentNanos() >= nanos && a.status() == status)
                .count();
    }

    /** The acknowledged outreach contacts. */
    List<ContactRecorded> contacts() {
        return acknowledged.values().stream()
                .map(Event::payload)
                .filter(ContactRecorded.class::isInstance)
                .map(ContactRecorded.class::cast)
                .toList();
    }

    private void run() {
        while (running.get() && (newEvents.get() || pending() > 0)) {
            var events = new ArrayList<Event>();
            synchronized (this) {
                for (int i = 0; i < 20 && !unacknowledged.isEmpty(); i++) {
                    events.add(unacknowledged.poll());
                }
            }
            if (newEvents.get()) {
                events.addAll(newBatch(batch++));
            }
            if (events.isEmpty()) {
                continue;
            }
            long sent = System.nanoTime();
            Client.Response response;
            try {
                response = Client.post(url, events);
            } catch (UncheckedIOException noAnswer) {
                answers.add(new Answer(sent, System.nanoTime(), -1));
                requeue(events);
                // a phone backs off before it tries a server that did not answer again
                LockSupport.parkNanos(NO_ANSWER_BACKOFF.toNanos());
                continue;
            }
            answers.add(new Answer(sent, System.nanoTime(), response.status()));
            var results = response.json() == null ? null : response.json().path("results");
            var again = new ArrayList<Event>();
            for (int i = 0; i < events.size(); i++) {
                var status = results == null || !results.has(i)
                        ? ""
                        : results.get(i).path("status").asString();
                var event = events.get(i);
                switch (status) {
                    case "accepted" -> acknowledged.put(event.eventId().toString(), event);
                    case "rejected" -> rejected.add(event.eventId().toString());
                    default -> again.add(event);
                }
            }
            requeue(again);
        }
    }

    private synchronized void requeue(Collection<Event> events) {
        unacknowledged.addAll(events);
    }

    /** Ten new events: anonymous contacts in two areas, contacts of two cases (opened first), involvement. */
    private List<Event> newBatch(int batch) {
        var at = Instant.now().minusSeconds(60);
        var events = new ArrayList<Event>();
        if (batch == 0) {
            events.add(SampleEvents.event(
                    org, "p1", at, new CaseOpened("c1", "ABCD1990Q", null, List.of("housing"), "self")));
            events.add(SampleEvents.event(
                    org, "p2", at, new CaseOpened("c2", "EFGH1985R", null, List.of("detox"), "peer")));
        }
        for (int i = 0; i < 2; i++) {
            events.add(SampleEvents.event(
                    org,
                    "p" + i,
                    at,
                    SampleEvents.anonymousContact(
                            "s" + (batch % 7), "oost", 1 + (batch + i) % 3, i == 0, SampleEvents.syringes(i + 1))));
            events.add(SampleEvents.event(
                    org, "p" + i, at, SampleEvents.anonymousContact("s9", "west", 2, false, SampleEvents.syringes(1))));
            events.add(SampleEvents.event(
                    org, "p" + i, at, new CaseContactLogged("c" + (1 + i), "phone", 5 + i, List.of())));
            events.add(SampleEvents.event(
                    org, "p" + i, at, new InvolvementRecorded("p" + i, "educating", "school", "advising", 0.5)));
        }
        events.add(SampleEvents.event(org, "p3", at, SampleEvents.anonymousContact("s8", "noord", 1, true, null)));
        events.add(SampleEvents.event(
                org, "p3", at, new InvolvementRecorded("p3", "campaigning", "council", "leading", 1.5)));
        return events;
    }
}
