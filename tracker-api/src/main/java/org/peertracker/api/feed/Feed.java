package org.peertracker.api.feed;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads an organisation's events from the event topics, as published (pseudonymised, corrections on their target's
 * topic), from a {@link FeedCursor}. Each request reads with a consumer of its own, assigned every partition of the
 * event topics (no consumer group, nothing committed): the cursor is all the state there is, and Kafka keeps the log
 * forever, so an API restarted, or another instance, carries on from any cursor it gave out. Within a partition
 * events come in the order Kafka received them (not by {@code occurredAt}, so an event synced late is never behind a
 * reader's position); across partitions an answer interleaves them by Kafka's timestamp.
 */
@Component
class Feed {

    private static final Logger log = LoggerFactory.getLogger(Feed.class);

    /** The longest single wait on Kafka, so that the request's own deadline is kept to within it. */
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaProperties kafka;
    private final FeedProperties properties;
    private final Clock clock;

    Feed(KafkaProperties kafka, FeedProperties properties, Clock clock) {
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * An answer: the events, as published, and where to read on from.
     *
     * @param next the cursor to send as {@code after} next time; the same as sent when nothing was read
     */
    record Page(List<JsonNode> events, String next) {}

    Page read(FeedCursor after, int limit, Duration wait) {
        try (var consumer = consumer()) {
            return read(consumer, after, limit, wait);
        }
    }

    Page read(Consumer<String, byte[]> consumer, FeedCursor after, int limit, Duration wait) {
        var partitions = new ArrayList<TopicPartition>();
        for (var topic : Topics.EVENT_TOPICS) {
            consumer.partitionsFor(topic)
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        var ends = consumer.endOffsets(partitions);
        var starts = consumer.beginningOffsets(partitions);
        var next = new TreeMap<TopicPartition, Long>(FeedCursor::compare);
        for (var partition : partitions) {
            long from = Math.max(after.next().getOrDefault(partition, 0L), starts.getOrDefault(partition, 0L));
            if (from > ends.getOrDefault(partition, 0L)) {
                // beyond what Kafka holds: not a cursor this feed gave out
                throw RequestProblem.badParameter(
                        "after", "cursor", "'after' must be the 'next' cursor of an earlier answer of this feed");
            }
            next.put(partition, from);
        }
        if (partitions.isEmpty()) {
            return new Page(List.of(), after.encode());
        }
        consumer.assign(partitions);
        next.forEach(consumer::seek);
        var events = new ArrayList<JsonNode>();
        long started = clock.millis();
        long waitUntil = started + wait.toMillis();
        long scanUntil = started + properties.maxScan().toMillis();
        while (true) {
            var records = consumer.poll(POLL);
            boolean full = take(records, after.orgId(), limit, events, next);
            long now = clock.millis();
            boolean caughtUp = partitions.stream().allMatch(p -> next.get(p) >= ends.getOrDefault(p, 0L));
            if (full
                    || (caughtUp && (!events.isEmpty() || now >= waitUntil))
                    // a backlog of other organisations' events: answer and let the reader go on from the cursor
                    || (!caughtUp && now >= scanUntil)) {
                break;
            }
        }
        return new Page(events, new FeedCursor(after.orgId(), next).encode());
    }

    /**
     * Takes the organisation's events of {@code records} into {@code events}, partition by partition in offset order
     * and across partitions by timestamp, until {@code limit}; moves {@code next} past every record read, the
     * organisation's or not, and no further. True when {@code limit} is reached: what was fetched beyond it is left
     * for the next request.
     */
    private static boolean take(
            ConsumerRecords<String, byte[]> records,
            String orgId,
            int limit,
            List<JsonNode> events,
            Map<TopicPartition, Long> next) {
        var heads = new PriorityQueue<ArrayDeque<ConsumerRecord<String, byte[]>>>(
                Comparator.comparingLong((ArrayDeque<ConsumerRecord<String, byte[]>> q) ->
                                q.peek().timestamp())
                        .thenComparing(q -> q.peek().topic())
                        .thenComparingInt(q -> q.peek().partition()));
        for (var partition : records.partitions()) {
            var queue = new ArrayDeque<>(records.records(partition));
            if (!queue.isEmpty()) {
                heads.add(queue);
            }
        }
        while (!heads.isEmpty()) {
            if (events.size() >= limit) {
                return true;
            }
            var queue = heads.poll();
            var record = queue.poll();
            var partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() >= next.getOrDefault(partition, 0L)) {
                var event = orgEvent(record, orgId);
                if (event != null) {
                    events.add(event);
                }
                next.put(partition, record.offset() + 1);
            }
            if (!queue.isEmpty()) {
                heads.add(queue);
            }
        }
        return events.size() >= limit;
    }

    /** The record's event if it is of {@code orgId}; null otherwise, or when it is no event at all. */
    private static JsonNode orgEvent(ConsumerRecord<String, byte[]> record, String orgId) {
        if (record.value() == null) {
            return null;
        }
        try {
            var event = EventCodec.mapper().readTree(record.value());
            return orgId.equals(event.path("orgId").asString(null)) ? event : null;
        } catch (JacksonException e) {
            // the intake publishes only events it read; the workers dead-letter anything else
            log.warn("a record at {}-{}@{} is not JSON: skipped", record.topic(), record.partition(), record.offset());
            return null;
        }
    }

    private Consumer<String, byte[]> consumer() {
        var config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tracker-api-feed");
        // a broker away costs a request a few seconds, not a minute
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return new KafkaConsumer<>(config);
    }
}
