package org.peertracker.service.corrections;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How corrections apply, the same in the intake and the worker.
 *
 * @param window how long after an event was received its peer may void or amend it (coordinators and admins always)
 */
@ConfigurationProperties("tracker.corrections")
public record CorrectionSettings(@DefaultValue("7d") Duration window) {}
