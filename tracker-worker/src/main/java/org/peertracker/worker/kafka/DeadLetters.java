package org.peertracker.worker.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.events.EventFormatException;
import org.peertracker.events.Topics;
import org.peertracker.views.ViewFamily;
import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.Positions;
import org.peertracker.worker.projection.MongoOutage;
import org.peertracker.worker.projection.ProjectionTarget;
import org.peertracker.worker.projection.RecordRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that cannot be read or applied is retried a few times, then published unchanged to
 * {@code <topic>.dlt} with headers naming the reason, the original topic, partition and offset; its partition
 * keeps flowing. When MongoDB refused some of its view writes, its event's claim is marked with the documents it did
 * not reach, so that a replay applies it there (see {@link EventClaims}). Once the dead letter is acknowledged, the
 * target's position moves past the record, so that a restart, a replay or a rebuild's progress do not wait on it.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    static final String DEAD_LETTERS = "tracker.projection.dead.letters";

    private final KafkaOperations<?, ?> template;
    private final Positions positions;
    private final EventClaims claims;
    private final ProjectionProperties properties;
    private final MeterRegistry registry;

    DeadLetters(
            KafkaOperations<?, ?> template,
            Positions positions,
            EventClaims claims,
            ProjectionProperties properties,
            MeterRegistry registry) {
        this.template = template;
        this.positions = positions;
        this.claims = claims;
        this.properties = properties;
        this.registry = registry;
        // every series from the start, at 0, so that an alert on its increase sees the first one
        for (var family : ViewFamily.values()) {
            family.topics().forEach(topic -> deadLetters(family.id(), topic));
        }
    }

    private Counter deadLetters(String family, String topic) {
        return Counter.builder(DEAD_LETTERS)
                .description("records a view family could not apply, published to the dead letters")
                .tag("family", family)
                .tag("topic", topic)
                .register(registry);
    }

    /** The error handler of a container whose listener writes {@code target} (which a live one changes on a switch). */
    CommonErrorHandler handlerFor(Supplier<ProjectionTarget> target) {
        var publisher = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        var handler = new DefaultErrorHandler(
                (record, e) -> {
                    if (MongoOutage.isOutage(e)) {
                        // MongoDB away is no fault of the record: it is read again once MongoDB is back
                        log.warn(
                                "{}: MongoDB unreachable while applying {}-{}@{}; not dead-lettered, read again ({})",
                                target.get().key(),
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                e.toString());
                        throw new IllegalStateException("MongoDB unreachable; the record is not dead-lettered", e);
                    }
                    publisher.accept(record, e);
                    deadLetters(target.get().family(), record.topic()).increment();
                    var refused = RecordRefused.in(e);
                    if (refused != null) {
                        claims.deadLettered(
                                target.get().key(),
                                refused.candidate(),
                                refused.refusal().missing(),
                                refused.refusal().getMessage());
                    }
                    positions.advance(
                            target.get().key(),
                            Map.of(new TopicPartition(record.topic(), record.partition()), record.offset() + 1));
                },
                new FixedBackOff(properties.retryBackoff().toMillis(), properties.retries()));
        // a record that cannot be read, or whose write MongoDB refuses, fails the same way every time: it goes to the
        // dead letters at once. Retried, it could be retried for ever: Spring counts a failure of a batch's record only
        // when it comes first in the batch, and with other partitions' records arriving before it, it never does
        handler.addNotRetryableExceptions(EventFormatException.class, RecordRefused.class);
        return handler;
    }
}
