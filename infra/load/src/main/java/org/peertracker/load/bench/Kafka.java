package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.events.Topics;

/** The system's Kafka as the benchmark reads it: how far the live projection is behind, and topics of its own. */
final class Kafka implements AutoCloseable {

    /** The topics each view family of the worker reads, by the family's name (its consumer group's suffix). */
    static final Map<String, List<String>> FAMILY_TOPICS = familyTopics();

    private final Admin admin;
    private final String groupPrefix;

    Kafka(String bootstrap, String groupPrefix) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.groupPrefix = groupPrefix;
    }

    /** Waits until every live family's consumer group has committed the end of its topics, showing progress. */
    void awaitLiveCaughtUp() throws Exception {
        long start = System.nanoTime();
        long lastReport = start;
        long first = -1;
        while (true) {
            long lag = liveLag();
            if (first < 0) {
                first = lag;
            }
            if (lag == 0) {
                if (first > 0) {
                    progress(
                            "  live projection caught up on %,d records in %.1f s",
                            first, (System.nanoTime() - start) / 1e9);
                }
                return;
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                progress("  live projection behind by %,d records", lag);
            }
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
                throw new IllegalStateException("the live projection did not catch up within 30 min (lag " + lag + ")");
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** Records on the family topics not yet committed by the live consumer groups, summed over the families. */
    long liveLag() throws Exception {
        var partitionsByTopic = new HashMap<String, List<TopicPartition>>();
        admin.describeTopics(Topics.EVENT_TOPICS)
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .forEach((topic, d) -> partitionsByTopic.put(
                        topic,
                        d.partitions().stream()
                                .map(p -> new TopicPartition(topic, p.partition()))
                                .toList()));
        var request = new HashMap<TopicPartition, OffsetSpec>();
        partitionsByTopic.values().forEach(ps -> ps.forEach(p -> request.put(p, OffsetSpec.latest())));
        var ends = new HashMap<TopicPartition, Long>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        long lag = 0;
        for (var family : FAMILY_TOPICS.entrySet()) {
            var committed = admin.listConsumerGroupOffsets(groupPrefix + "." + family.getKey())
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            for (var topic : family.getValue()) {
                for (var partition : partitionsByTopic.getOrDefault(topic, List.of())) {
                    var at = committed.get(partition);
                    lag += ends.get(partition) - (at == null ? 0 : at.offset());
                }
            }
        }
        return lag;
    }

    TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic);
    }

    /** Creates a topic afresh: one left by an earlier run is deleted first. */
    void createTopic(String topic, int partitions, short replicas) throws Exception {
        deleteTopic(topic);
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.of(replicas))))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    void deleteTopic(String topic) throws Exception {
        if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)
                    && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private static Map<String, List<String>> familyTopics() {
        var topics = new LinkedHashMap<String, List<String>>();
        topics.put("outreach", List.of(Topics.OUTREACH));
        topics.put("support", List.of(Topics.SUPPORT));
        topics.put("campaign", List.of(Topics.CAMPAIGN));
        // peer involvement counts every family's activity of a peer
        topics.put("involvement", Topics.EVENT_TOPICS);
        topics.put("activity", Topics.EVENT_TOPICS);
        return topics;
    }
}
