package org.peertracker.api.intake;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The intake's limits as a service without settings gets them, for tests that build the intake by hand. */
final class IntakeDefaults {

    private IntakeDefaults() {}

    /** The defaults of {@link IntakeProperties}, bound as Spring binds them, but for the requests taken at once. */
    static IntakeProperties properties(int maxConcurrentRequests) {
        var source = new MapConfigurationPropertySource(
                Map.of("tracker.intake.max-concurrent-requests", String.valueOf(maxConcurrentRequests)));
        return new Binder(source).bindOrCreate("tracker.intake", IntakeProperties.class);
    }
}
