package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peertracker.api.privacy.ClientPseudonyms;
import org.peertracker.api.privacy.OrgKeys;
import org.peertracker.api.privacy.Texts;
import org.peertracker.api.security.Caller;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.api.system.Views;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.service.corrections.CorrectionSettings;
import org.peertracker.testing.SampleEvents;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/** The intake's answers without a broker: Kafka's acknowledgements are set by the test, per event. */
class IntakeControllerTest {

    static final String ORG = "org-1";
    static final Caller COORDINATOR =
            new Caller(ORG, Caller.Role.COORDINATOR, null, "c-1", Instant.now().plusSeconds(3600), false);

    @Test
    void answers503NamingExactlyWhichEventsAreDurable() {
        var broken = (ObjectNode) EventCodec.mapper().readTree(EventCodec.write(contact()));
        ((ObjectNode) broken.path("payload")).put("groupSize", 0);
        var body = "["
                + String.join(
                        ",",
                        EventCodec.write(contact()),
                        broken.toString(),
                        EventCodec.write(contact()),
                        EventCodec.write(contact()))
                + "]";
        var controller = controller(16, List.of(true, false, true));

        var response = post(controller, body);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("10");
        var problem = (ProblemDetail) response.getBody();
        assertThat(results(problem))
                .extracting(EventResult::status)
                .containsExactly("accepted", "rejected", "not-accepted", "accepted");
        assertThat(problem.getProperties().get("summary"))
                .isEqualTo(Map.of("accepted", 2L, "rejected", 1L, "notAccepted", 1L, "conflicts", 0L));
    }

    @Test
    void refusesARequestBeyondTheLimitBeforeReadingItsBody() {
        var controller = controller(0, List.of());
        var request = new MockHttpServletRequest("POST", "/api/v1/orgs/" + ORG + "/events") {
            @Override
            public ServletInputStream getInputStream() {
                throw new AssertionError("the body of a refused request was read");
            }
        };

        var response = post(controller, request);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("10");
        var problem = (ProblemDetail) response.getBody();
        assertThat(problem.getTitle()).isEqualTo("Intake busy");
        assertThat(problem.getDetail()).contains("busy");
        assertThat(problem.getProperties()).containsEntry("rule", "max-concurrent-requests");
    }

    @Test
    void holdsAPermitWhileABodyIsReadAndGivesItBackAfterwards() throws Exception {
        var controller = controller(1, List.of(true));
        var held = new HeldBody(EventCodec.write(contact()));
        var first = CompletableFuture.supplyAsync(() -> post(controller, held.request()));
        assertThat(held.reading.await(10, TimeUnit.SECONDS))
                .as("the first request reads its body")
                .isTrue();

        var meanwhile = post(controller, EventCodec.write(contact()));
        held.go.countDown();

        assertThat(meanwhile.getStatusCode().value()).isEqualTo(503);
        assertThat(first.get(10, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(202);
        assertThat(post(controller, EventCodec.write(contact())).getStatusCode().value())
                .isEqualTo(202);
    }

    @Test
    void givesThePermitBackWhenARequestIsRefused() {
        var controller = controller(1, List.of(true));

        assertThatThrownBy(() -> post(controller, "{\"eventId\": ")).isInstanceOf(RequestProblem.class);
        assertThatThrownBy(() -> post(controller, "[" + "1,".repeat(1_100_000) + "1]"))
                .isInstanceOf(RequestProblem.class);

        assertThat(post(controller, EventCodec.write(contact())).getStatusCode().value())
                .isEqualTo(202);
    }

    @Test
    void countsEventsByTheirTypeAndResultAndAnyTypeItDoesNotKnowAsUnknown() {
        var broken = (ObjectNode) EventCodec.mapper().readTree(EventCodec.write(contact()));
        ((ObjectNode) broken.path("payload")).put("groupSize", 0);
        var madeUp = (ObjectNode) EventCodec.mapper().readTree(EventCodec.write(contact()));
        madeUp.put("type", "made-up." + ORG);
        var numbered = (ObjectNode) EventCodec.mapper().readTree(EventCodec.write(contact()));
        numbered.put("type", 42);
        var body = "["
                + String.join(
                        ",", EventCodec.write(contact()), broken.toString(), madeUp.toString(), numbered.toString())
                + "]";
        var registry = new SimpleMeterRegistry();

        assertThat(post(controller(16, List.of(true), registry), body)
                        .getStatusCode()
                        .value())
                .isEqualTo(202);

        assertThat(count(registry, "outreach.contact-recorded", "accepted")).isEqualTo(1);
        assertThat(count(registry, "outreach.contact-recorded", "rejected")).isEqualTo(1);
        assertThat(count(registry, IntakeController.UNKNOWN_TYPE, "rejected")).isEqualTo(2);
        // a caller cannot grow the set of series: only the types the intake knows become tags
        assertThat(registry.find(IntakeController.EVENTS_METER).counters())
                .allSatisfy(counter -> assertThat(counter.getId().getTag("type"))
                        .isIn("outreach.contact-recorded", IntakeController.UNKNOWN_TYPE));
    }

    private static double count(MeterRegistry registry, String type, String result) {
        return registry.get(IntakeController.EVENTS_METER)
                .tag("type", type)
                .tag("result", result)
                .counter()
                .count();
    }

    private static Event contact() {
        return SampleEvents.event(
                ORG, "peer-1", Instant.now(), SampleEvents.anonymousContact("s-1", "oost", 1, false, null));
    }

    /** A controller whose publisher reports {@code acknowledgements}, one per event it is given. */
    private static IntakeController controller(int maxConcurrentRequests, List<Boolean> acknowledgements) {
        return controller(maxConcurrentRequests, acknowledgements, new SimpleMeterRegistry());
    }

    private static IntakeController controller(
            int maxConcurrentRequests, List<Boolean> acknowledgements, MeterRegistry registry) {
        var properties = IntakeDefaults.properties(maxConcurrentRequests);
        var clock = Clock.systemUTC();
        var publisher = new EventPublisher(null) {
            @Override
            List<Boolean> publish(List<Event> events, Duration timeout) {
                return new ArrayList<>(acknowledgements.subList(0, events.size()));
            }
        };
        // no MongoDB: the events of these tests name no client and carry no text
        var keys = new OrgKeys(new OrgKeys.Settings("test-secret", null, Map.of(), null, true));
        var intake = new Intake(
                new IntakeRules(clock, properties),
                new WriteAuthority((org, cases) -> Map.of()),
                new CorrectionAuthority(new CorrectionSettings(Duration.ofDays(7)), clock),
                (org, ids) -> Map.of(),
                keys,
                new ClientPseudonyms(new Views(null), keys, clock),
                new Texts(new Views(null), keys, clock),
                publisher,
                properties,
                clock);
        return new IntakeController(
                intake,
                properties,
                new IntakeLimiter(properties),
                new RuleMessages(properties, new CorrectionSettings(Duration.ofDays(7))),
                registry);
    }

    private static ResponseEntity<?> post(IntakeController controller, String body) {
        var request = new MockHttpServletRequest("POST", "/api/v1/orgs/" + ORG + "/events");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return post(controller, request);
    }

    private static ResponseEntity<?> post(IntakeController controller, MockHttpServletRequest request) {
        try {
            return controller.post(ORG, request, COORDINATOR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<EventResult> results(ProblemDetail problem) {
        return (List<EventResult>) problem.getProperties().get("results");
    }

    /** A body that, once its reading has begun, waits for {@link #go} before it gives its bytes. */
    static final class HeldBody extends InputStream {

        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);
        private final InputStream bytes;

        HeldBody(String body) {
            this.bytes = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        }

        MockHttpServletRequest request() {
            var request = new MockHttpServletRequest("POST", "/api/v1/orgs/" + ORG + "/events") {
                @Override
                public ServletInputStream getInputStream() {
                    return new DelegatingServletInputStream(HeldBody.this);
                }
            };
            request.setContentType("application/json");
            return request;
        }

        @Override
        public int read() throws IOException {
            hold();
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            hold();
            return bytes.read(buffer, offset, length);
        }

        private void hold() throws IOException {
            reading.countDown();
            try {
                if (!go.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("the test never let the body go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
