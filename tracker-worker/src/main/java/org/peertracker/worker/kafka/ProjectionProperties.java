package org.peertracker.worker.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections consume.
 *
 * @param groupPrefix  consumer groups are {@code <groupPrefix>.<projector>}
 * @param concurrency  consumers per projector of the live views (each takes a share of the partitions)
 * @param rebuildConcurrency consumers per projector of a rebuild: one waits for MongoDB while another projects the
 *                     next batch, which on a 2-core machine made a rebuild of outreach 1.3 times as fast (infra/bench)
 * @param rebuildBatch records a rebuild's consumer takes per poll, so per batch written (the live consumers take
 *                     {@code spring.kafka.consumer.max-poll-records}): the larger the batch, the more of its events
 *                     fall on the same documents and merge into one upsert each
 * @param retries      attempts after the first before a record that cannot be applied goes to its dead-letter topic
 * @param retryBackoff pause between those attempts
 */
@ConfigurationProperties("tracker.projection")
record ProjectionProperties(
        @DefaultValue("tracker-worker") String groupPrefix,
        @DefaultValue("1") int concurrency,
        @DefaultValue("2") int rebuildConcurrency,
        @DefaultValue("500") int rebuildBatch,
        @DefaultValue("2") int retries,
        @DefaultValue("200ms") Duration retryBackoff) {}
