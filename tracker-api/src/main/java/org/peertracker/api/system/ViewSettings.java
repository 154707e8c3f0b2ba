package org.peertracker.api.system;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How views count time; must match the worker's {@code tracker.views.zone}.
 *
 * @param zone the time zone of days and months (an outreach night is one day)
 */
@ConfigurationProperties("tracker.views")
public record ViewSettings(@DefaultValue("Europe/Amsterdam") ZoneId zone) {

    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zone));
    }

    public YearMonth thisMonth(Clock clock) {
        return YearMonth.now(clock.withZone(zone));
    }
}
