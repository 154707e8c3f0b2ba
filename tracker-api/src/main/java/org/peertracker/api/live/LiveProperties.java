package org.peertracker.api.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the live streams of one API instance.
 *
 * @param maxStreamsPerOrg     streams one organisation may hold open: a few dozen staff with a tab or two each fit
 *                             well, while no tenant can take the instance's connections from the others
 * @param maxStreamsPerSubject streams one token subject (a person, a service) may hold open: a few tabs and devices;
 *                             a client that reconnects in a loop, or a leaked token, cannot hold more
 * @param queueCapacity        events waiting to be sent to one stream; a stream this far behind is stalled and is
 *                             ended (the page reconnects and re-reads), at a busy organisation's few notifications
 *                             a second that is half a minute or more of backlog
 * @param retryAfter           the {@code Retry-After} given with a 429: a stream whose client went away counts until
 *                             a write to it fails, at the latest at the next heartbeat (15 s)
 */
@ConfigurationProperties("tracker.live")
record LiveProperties(
        @DefaultValue("100") int maxStreamsPerOrg,
        @DefaultValue("5") int maxStreamsPerSubject,
        @DefaultValue("100") int queueCapacity,
        @DefaultValue("30s") Duration retryAfter) {}
