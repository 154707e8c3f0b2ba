package org.peertracker.api.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the intake.
 *
 * @param maxEvents             events in one request
 * @param maxBodySize           bytes in one request (500 events of about 1 KiB fit well)
 * @param maxFutureSkew         how far in the future {@code occurredAt} may lie (device clocks drift)
 * @param maxAge                how far in the past {@code occurredAt} may lie (a field app's backlog of a year, with
 *                              room to spare; the simulator's history reaches back 366 days at most)
 * @param publishTimeout        how long a request waits for Kafka's acknowledgements before answering 503
 * @param retryAfter            the {@code Retry-After} given with a 503
 * @param maxConcurrentRequests requests taken at once; more are answered 503 before their body is read. Each may
 *                              hold up to {@code maxBodySize} and its tree, about 10 MB at 2 MB: 16 of them fit beside
 *                              the API in the 256 MB heap it runs with, and are more than a few cores need to stay
 *                              busy while Kafka acknowledges
 */
@ConfigurationProperties("tracker.intake")
record IntakeProperties(
        @DefaultValue("500") int maxEvents,
        @DefaultValue("2MB") DataSize maxBodySize,
        @DefaultValue("5m") Duration maxFutureSkew,
        @DefaultValue("400d") Duration maxAge,
        @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue("10s") Duration retryAfter,
        @DefaultValue("16") int maxConcurrentRequests) {

    IntakeProperties {
        if (maxConcurrentRequests < 0) {
            throw new IllegalArgumentException("tracker.intake.max-concurrent-requests must be 0 or more");
        }
    }
}
