package org.peertracker.worker.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rebuilds are coordinated across worker instances.
 *
 * @param leaseTtl  how long a rebuild's lease lasts unless its instance renews it (every second while it runs): the
 *                  time after which another instance may start a rebuild of a family whose instance died
 * @param dropGrace how long the old generation stays after the switch before it is dropped: longer than any batch
 *                  write takes, so that a batch that began before the switch lands in a generation that is then
 *                  dropped whole, never in one dropped already
 */
@ConfigurationProperties("tracker.rebuild")
record RebuildProperties(
        @DefaultValue("30s") Duration leaseTtl,
        @DefaultValue("30s") Duration dropGrace) {}
