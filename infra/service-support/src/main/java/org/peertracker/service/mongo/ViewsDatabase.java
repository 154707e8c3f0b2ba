package org.peertracker.service.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;

/** The views' database, named by {@code spring.mongodb.database}: the worker writes it, the API reads it. */
@AutoConfiguration(after = MongoAutoConfiguration.class)
public class ViewsDatabase {

    @Bean
    MongoDatabase viewsDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.getMongoClientDatabase());
    }
}
