package org.peertracker.worker.projection;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How views count.
 *
 * @param zone the time zone in which an event's day and month are taken (an outreach night is one day)
 */
@ConfigurationProperties("tracker.views")
public record ViewProperties(
        @DefaultValue("Europe/Amsterdam") ZoneId zone) {}
