package org.peertracker.worker.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.views.ViewFamily;
import org.peertracker.worker.mongo.Positions;
import org.peertracker.worker.projection.ViewGenerations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * How far each view family is behind its topics, as the gauge {@code tracker.projection.lag{family}}: the events on
 * the family's topics past the positions stored in MongoDB for the generation readers use — the positions are what
 * counts, not the consumer groups' offsets. Measured when scraped, at most once per {@link #FRESH}; a family whose lag
 * cannot be measured (Kafka or MongoDB away) reads NaN.
 */
@Component
class ProjectionLag implements DisposableBean {

    static final String METER = "tracker.projection.lag";
    static final Duration FRESH = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);

    private final Admin admin;
    private final Positions positions;
    private final ViewGenerations generations;
    private final Clock clock = Clock.systemUTC();
    private Map<String, Double> lags = Map.of();
    private Instant measuredAt = Instant.MIN;

    ProjectionLag(MeterRegistry registry, KafkaAdmin kafkaAdmin, Positions positions, ViewGenerations generations) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        this.positions = positions;
        this.generations = generations;
        for (var family : ViewFamily.values()) {
            Gauge.builder(METER, this, lag -> lag.of(family.id()))
                    .tag("family", family.id())
                    .description("events on the family's topics not yet applied to the views readers use")
                    .baseUnit("events")
                    .register(registry);
        }
    }

    synchronized double of(String family) {
        if (Duration.between(measuredAt, clock.instant()).compareTo(FRESH) > 0) {
            lags = measure();
            measuredAt = clock.instant();
        }
        return lags.getOrDefault(family, Double.NaN);
    }

    private Map<String, Double> measure() {
        var measured = new HashMap<String, Double>();
        try {
            var topics = new ArrayList<String>();
            for (var family : ViewFamily.values()) {
                family.topics().stream().filter(t -> !topics.contains(t)).forEach(topics::add);
            }
            var partitions = new ArrayList<TopicPartition>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(5, TimeUnit.SECONDS)
                    .forEach((topic, description) -> description
                            .partitions()
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            var request = new HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
            var ends = new HashMap<TopicPartition, Long>();
            admin.listOffsets(request)
                    .all()
                    .get(5, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            for (var family : ViewFamily.values()) {
                List<TopicPartition> its = partitions.stream()
                        .filter(tp -> family.topics().contains(tp.topic()))
                        .toList();
                var at = positions.of(generations.current(family.id()).key(), its);
                long behind = 0;
                for (var tp : its) {
                    behind += Math.max(0, ends.get(tp) - at.getOrDefault(tp, 0L));
                }
                measured.put(family.id(), (double) behind);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("projection lag not measured: {}", e.toString());
        }
        return measured;
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
