package org.peertracker.worker.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The views' database, named by {@code spring.mongodb.database}. */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    @Bean
    MongoDatabase viewsDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.getMongoClientDatabase());
    }
}
