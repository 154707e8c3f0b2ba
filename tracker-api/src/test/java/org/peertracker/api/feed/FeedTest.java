package org.peertracker.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.events.Topics;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class FeedTest {

    static final TopicPartition SUPPORT_0 = new TopicPartition(Topics.SUPPORT, 0);
    static final TopicPartition SUPPORT_1 = new TopicPartition(Topics.SUPPORT, 1);

    final Feed feed = new Feed(
            new KafkaProperties(),
            new FeedProperties(100, 500, Duration.ofSeconds(30), Duration.ofSeconds(10), 32, Duration.ofSeconds(5)),
            Clock.systemUTC());

    @Test
    void movesTheCursorNoFurtherThanTheLastEventGivenWhenTheLimitCutsAPartitionShort() {
        var log = List.of(
                record(SUPPORT_0, 0, "a", "e0"),
                record(SUPPORT_0, 1, "a", "e1"),
                record(SUPPORT_0, 2, "a", "e2"),
                record(SUPPORT_0, 3, "a", "e3"));

        var first = read(log, FeedCursor.start("a"), 3);
        var rest = read(log, FeedCursor.decode("a", first.next()), 3);

        assertThat(ids(first)).containsExactly("e0", "e1", "e2");
        assertThat(FeedCursor.decode("a", first.next()).next()).containsEntry(SUPPORT_0, 3L);
        assertThat(ids(rest)).containsExactly("e3");
    }

    @Test
    void readsPastOtherOrganisationsEventsWithoutGivingThem() {
        var log = List.of(
                record(SUPPORT_0, 0, "b", "x0"),
                record(SUPPORT_0, 1, "a", "e1"),
                record(SUPPORT_1, 0, "b", "x1"),
                record(SUPPORT_1, 1, "b", "x2"));

        var page = read(log, FeedCursor.start("a"), 10);

        assertThat(ids(page)).containsExactly("e1");
        assertThat(FeedCursor.decode("a", page.next()).next())
                .containsEntry(SUPPORT_0, 2L)
                .containsEntry(SUPPORT_1, 2L);
    }

    @Test
    void interleavesPartitionsByTimestampAndKeepsEachInOffsetOrder() {
        // partition 0's second event was stamped before partition 1's first, its first after it
        var log = List.of(
                record(SUPPORT_0, 0, "a", "p0-first", 30),
                record(SUPPORT_0, 1, "a", "p0-second", 10),
                record(SUPPORT_1, 0, "a", "p1-first", 20));

        var page = read(log, FeedCursor.start("a"), 10);

        assertThat(ids(page)).containsExactly("p1-first", "p0-first", "p0-second");
    }

    @Test
    void roundTripsACursorAndRefusesOneTamperedWithOrOfAnotherOrganisation() {
        var cursor = new FeedCursor("org-1", Map.of(SUPPORT_0, 12L, SUPPORT_1, 3L));

        var again = FeedCursor.decode("org-1", cursor.encode());

        assertThat(again.next()).containsExactlyInAnyOrderEntriesOf(cursor.next());
        assertThatThrownBy(() -> FeedCursor.decode("org-2", cursor.encode()))
                .isInstanceOfSatisfying(
                        RequestProblem.class, p -> assertThat(p.rule()).isEqualTo("same-organisation"));
        for (var bad : List.of("v1|org-1|elsewhere:0:1;", "v1|org-1|" + Topics.SUPPORT + ":0:-1;", "v2|org-1|", "x")) {
            var encoded = Base64.getUrlEncoder().encodeToString(bad.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> FeedCursor.decode("org-1", encoded))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            RequestProblem.class, p -> assertThat(p.rule()).isEqualTo("cursor"));
        }
        assertThatThrownBy(() -> FeedCursor.decode("org-1", "%%%"))
                .isInstanceOfSatisfying(
                        RequestProblem.class, p -> assertThat(p.field()).isEqualTo("after"));
    }

    @Test
    void refusesACursorBeyondWhatKafkaHolds() {
        var beyond = new FeedCursor("a", Map.of(SUPPORT_0, 99L));

        assertThatThrownBy(() -> read(List.of(record(SUPPORT_0, 0, "a", "e0")), beyond, 10))
                .isInstanceOfSatisfying(
                        RequestProblem.class, p -> assertThat(p.rule()).isEqualTo("cursor"));
    }

    private Feed.Page read(List<ConsumerRecord<String, byte[]>> log, FeedCursor after, int limit) {
        var consumer = new MockConsumer<String, byte[]>("earliest");
        var ends = new HashMap<TopicPartition, Long>();
        var starts = new HashMap<TopicPartition, Long>();
        for (var topic : Topics.EVENT_TOPICS) {
            var partitions = new ArrayList<PartitionInfo>();
            for (int p = 0; p < 2; p++) {
                partitions.add(new PartitionInfo(topic, p, null, null, null));
                ends.put(new TopicPartition(topic, p), 0L);
                starts.put(new TopicPartition(topic, p), 0L);
            }
            consumer.updatePartitions(topic, partitions);
        }
        log.forEach(r -> ends.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max));
        consumer.updateBeginningOffsets(starts);
        consumer.updateEndOffsets(ends);
        consumer.schedulePollTask(() -> log.forEach(consumer::addRecord));
        return feed.read(consumer, after, limit, Duration.ZERO);
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition tp, long offset, String org, String id) {
        return record(tp, offset, org, id, offset);
    }

    private static ConsumerRecord<String, byte[]> record(
            TopicPartition tp, long offset, String org, String id, long timestamp) {
        var value = "{\"eventId\":\"" + id + "\",\"orgId\":\"" + org + "\"}";
        return new ConsumerRecord<>(
                tp.topic(),
                tp.partition(),
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                0,
                0,
                "key",
                value.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(),
                Optional.empty());
    }

    private static List<String> ids(Feed.Page page) {
        return page.events().stream().map(e -> e.path("eventId").asString()).toList();
    }
}
