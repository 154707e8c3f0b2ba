package org.peertracker.api.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How long the API's reads of the views wait for MongoDB (the database itself is the shared {@code ViewsDatabase}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoConfiguration.ReadSettings.class)
class MongoConfiguration {

    /**
     * @param unavailableAfter how long a read waits for a MongoDB server before the request is answered 503: the
     *                         driver's default (30 s) would hold an intake request, and its thread, that long
     */
    @ConfigurationProperties("tracker.views.mongodb")
    record ReadSettings(@DefaultValue("3s") Duration unavailableAfter) {}

    @Bean
    MongoClientSettingsBuilderCustomizer readTimeouts(ReadSettings settings) {
        long millis = settings.unavailableAfter().toMillis();
        return builder -> builder.applyToClusterSettings(
                        cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout((int) millis, TimeUnit.MILLISECONDS));
    }
}
