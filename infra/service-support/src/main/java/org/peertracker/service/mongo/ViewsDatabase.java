package org.peertracker.service.mongo;

import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;

/**
 * The views' database, named by {@code spring.mongodb.database}: the worker writes it, the API reads it.
 *
 * <p>Writes are acknowledged by a majority of the replica set, whatever the connection string says: the worker moves
 * a family's positions only after its view writes were acknowledged, so a write acknowledged by a primary that steps
 * down before replicating it (and rolls it back) would lose those events for good; a majority-acknowledged write
 * survives any failover. Reads go to the primary, so that a reader sees what the worker wrote (a secondary may lag).
 * On a standalone server (the local stack, the tests) majority is that one server.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class)
public class ViewsDatabase {

    @Bean
    MongoDatabase viewsDatabase(MongoClient client, MongoProperties properties) {
        return of(client, properties.getMongoClientDatabase());
    }

    static MongoDatabase of(MongoClient client, String name) {
        return client.getDatabase(name)
                .withWriteConcern(WriteConcern.MAJORITY)
                .withReadPreference(ReadPreference.primary());
    }
}
