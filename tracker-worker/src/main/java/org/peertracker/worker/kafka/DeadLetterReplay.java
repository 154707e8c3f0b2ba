package org.peertracker.worker.kafka;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.peertracker.events.Topics;
import org.peertracker.views.OperationLeases;
import org.peertracker.worker.mongo.LeaseTaken;
import org.peertracker.worker.mongo.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Replays dead letters after a fix: {@code GET /actuator/deadletters} counts, per event topic, the dead letters not
 * yet replayed; {@code POST /actuator/deadletters/{topic}} publishes them again, unchanged, to the topic they came
 * from (a platform operator only): never to another, whatever a record's origin header says. A replayed event is
 * applied where its dead-lettered record did not reach and changes nothing where it was applied (see
 * {@code EventClaims}); one that still cannot be applied goes to the dead letters again. What was replayed is
 * remembered by the consumer group {@code <prefix>.dlt-replay}, so nothing is replayed twice; one replay of a topic
 * runs at a time across the worker instances (a lease in MongoDB), another is answered 409.
 */
@Component
@Endpoint(id = "deadletters")
class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private static final Duration LEASE_TTL = Duration.ofSeconds(60);
    private static final String LEASE = "deadletter-replay:";

    private final KafkaProperties kafka;
    private final KafkaOperations<String, byte[]> publisher;
    private final Leases leases;
    private final String group;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();

    @SuppressWarnings("unchecked")
    DeadLetterReplay(
            KafkaProperties kafka, KafkaOperations<?, ?> publisher, Leases leases, ProjectionProperties properties) {
        this.kafka = kafka;
        this.leases = leases;
        this.publisher = (KafkaOperations<String, byte[]>) publisher;
        this.group = properties.groupPrefix() + ".dlt-replay";
    }

    @ReadOperation
    Map<String, Long> pending() {
        var pending = new LinkedHashMap<String, Long>();
        try (var consumer = consumer()) {
            for (var topic : Topics.EVENT_TOPICS) {
                var partitions = partitions(consumer, Topics.deadLetter(topic));
                var ends = consumer.endOffsets(partitions);
                var committed = consumer.committed(new HashSet<>(partitions));
                var begins = consumer.beginningOffsets(partitions);
                long count = 0;
                for (var partition : partitions) {
                    var done = committed.get(partition);
                    count += ends.get(partition) - (done == null ? begins.get(partition) : done.offset());
                }
                pending.put(topic, count);
            }
        }
        return pending;
    }

    /** Publishes the topic's dead letters that have not been replayed yet; answers how many. */
    @WriteOperation
    WebEndpointResponse<Map<String, Object>> replay(@Selector String topic) {
        if (!Topics.EVENT_TOPICS.contains(topic)) {
            throw new InvalidEndpointRequestException(
                    "not an event topic: " + topic, "topic must be one of " + Topics.EVENT_TOPICS);
        }
        var lease = leases.acquire(LEASE + topic, instance, LEASE_TTL, new Document(OperationLeases.TOPIC, topic));
        if (lease.isEmpty()) {
            var holder = leases.read(LEASE + topic).map(Leases.State::holder).orElse("another instance");
            return new WebEndpointResponse<>(
                    LeaseTaken.problem(
                            "Replay running",
                            "a replay of the dead letters of " + topic + " runs already, on " + holder,
                            "one-replay-per-topic",
                            null),
                    LeaseTaken.STATUS);
        }
        try {
            return new WebEndpointResponse<>(replay(topic, lease.get()), WebEndpointResponse.STATUS_OK);
        } finally {
            leases.release(lease.get(), new Document(OperationLeases.TOPIC, topic));
        }
    }

    private Map<String, Object> replay(String topic, Leases.Lease lease) {
        int replayed = 0;
        int skipped = 0;
        try (var consumer = consumer()) {
            var partitions = partitions(consumer, Topics.deadLetter(topic));
            consumer.assign(partitions);
            var committed = consumer.committed(new HashSet<>(partitions));
            var ends = consumer.endOffsets(partitions);
            partitions.forEach(p -> {
                if (committed.get(p) == null) {
                    consumer.seekToBeginning(List.of(p));
                } else {
                    consumer.seek(p, committed.get(p).offset());
                }
            });
            var done = new HashMap<TopicPartition, OffsetAndMetadata>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (var record : consumer.poll(POLL)) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    var origin = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
                    var target = origin == null ? topic : new String(origin.value(), StandardCharsets.UTF_8);
                    // a header is anyone's to write: a dead letter goes back to its own event topic or nowhere
                    if (target.equals(topic)) {
                        publisher
                                .send(new ProducerRecord<>(target, record.key(), record.value()))
                                .join();
                        replayed++;
                    } else {
                        log.warn(
                                "a dead letter of {} (partition {}, offset {}) names another topic as its origin; "
                                        + "not replayed",
                                record.topic(),
                                record.partition(),
                                record.offset());
                        skipped++;
                    }
                    done.put(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                consumer.commitSync(done);
                if (!leases.renew(lease, new Document(OperationLeases.TOPIC, topic))) {
                    throw new IllegalStateException("the replay's lease expired and was taken over; what was "
                            + "replayed so far is committed");
                }
            }
        }
        log.info("replayed {} dead letters of {}, skipped {}", replayed, topic, skipped);
        return Map.of(OperationLeases.TOPIC, topic, "replayed", replayed, "skipped", skipped);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        var props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }
}
