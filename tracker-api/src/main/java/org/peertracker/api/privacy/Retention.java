package org.peertracker.api.privacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention: per organisation, a period after which the identifying parts of what it recorded are destroyed while
 * the aggregates stay: texts sealed longer ago lose their keys; clients not seen for longer are erased as on request
 * (pseudonym rows destroyed, a notice published, their reference and needs scrubbed from the views). Runs every
 * {@code tracker.retention.run-every} (an hour by default) on every API instance (each step is idempotent); its
 * meters: {@code tracker_retention_erased_total{kind}} and {@code tracker_retention_last_run_seconds}.
 */
@Component
@EnableConfigurationProperties(Retention.Settings.class)
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /**
     * @param periods the retention period by organisation id (e.g. {@code mainline: 730d}); an organisation not named
     *                keeps its data until it is erased on request
     */
    @ConfigurationProperties("tracker.retention")
    record Settings(Map<String, Duration> periods) {
        Settings {
            periods = periods == null ? Map.of() : Map.copyOf(periods);
        }
    }

    private final Settings settings;
    private final Erasures erasures;
    private final Clock clock;
    private final Counter texts;
    private final Counter clients;
    private final AtomicLong lastRun = new AtomicLong();

    Retention(Settings settings, Erasures erasures, Clock clock, MeterRegistry registry) {
        this.settings = settings;
        this.erasures = erasures;
        this.clock = clock;
        this.texts = Counter.builder("tracker.retention.erased")
                .tag("kind", "text")
                .description("Texts whose keys the retention job destroyed")
                .register(registry);
        this.clients = Counter.builder("tracker.retention.erased")
                .tag("kind", "client")
                .description("Clients the retention job erased")
                .register(registry);
        Gauge.builder("tracker.retention.last.run", lastRun, AtomicLong::get)
                .description("When the retention job last ran, in seconds since the epoch")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(
            fixedDelayString = "${tracker.retention.run-every:1h}",
            initialDelayString = "${tracker.retention.first-run-after:1m}")
    void run() {
        settings.periods().forEach((orgId, period) -> {
            try {
                var horizon = clock.instant().minus(period);
                texts.increment(erasures.textsSealedBefore(orgId, horizon));
                clients.increment(erasures.clientsNotSeenSince(orgId, horizon));
            } catch (RuntimeException e) {
                log.warn("retention of {}: not done this time ({})", orgId, e.toString());
            }
        });
        lastRun.set(clock.instant().getEpochSecond());
    }
}
