package org.peertracker.api.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The heartbeat of the streams runs on Spring's scheduler; how many are open is a meter. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LiveConfiguration {

    static final String OPEN_STREAMS = "tracker.live.streams";

    @Bean
    MeterBinder openLiveStreams(LiveStreams streams) {
        return registry -> Gauge.builder(OPEN_STREAMS, streams, LiveStreams::count)
                .description("live streams open on this instance, of every organisation")
                .register(registry);
    }
}
