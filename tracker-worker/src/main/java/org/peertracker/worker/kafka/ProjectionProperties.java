package org.peertracker.worker.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections consume.
 *
 * @param groupPrefix  consumer groups are {@code <groupPrefix>.<projector>}
 * @param concurrency  consumers per projector (each takes a share of the partitions)
 * @param retries      attempts after the first before a record that cannot be applied goes to its dead-letter topic
 * @param retryBackoff pause between those attempts
 * @param partitions   partitions of the dead-letter topics created at start-up
 */
@ConfigurationProperties("tracker.projection")
record ProjectionProperties(
        @DefaultValue("tracker-worker") String groupPrefix,
        @DefaultValue("1") int concurrency,
        @DefaultValue("2") int retries,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("6") int partitions) {
}
