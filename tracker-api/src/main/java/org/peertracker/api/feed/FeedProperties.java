package org.peertracker.api.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the event feed.
 *
 * @param defaultLimit          events in an answer when {@code limit} is not given
 * @param maxLimit              the largest {@code limit}
 * @param maxWait               the longest {@code wait}: how long a request waits for an event when none is new
 * @param maxScan               how long one request reads other organisations' events at most before it answers
 *                              with what it has (possibly nothing) and a cursor past what it read: the next request
 *                              goes on from there
 * @param maxConcurrentRequests feed requests one instance serves at once, each holding a thread and a connection to
 *                              Kafka while it waits; more are answered 429 with {@code Retry-After}
 * @param retryAfter            the {@code Retry-After} of that 429
 */
@ConfigurationProperties("tracker.feed")
record FeedProperties(
        @DefaultValue("100") int defaultLimit,
        @DefaultValue("500") int maxLimit,
        @DefaultValue("30s") Duration maxWait,
        @DefaultValue("10s") Duration maxScan,
        @DefaultValue("32") int maxConcurrentRequests,
        @DefaultValue("5s") Duration retryAfter) {}
