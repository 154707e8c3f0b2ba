package org.peertracker.worker.mongo;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.peertracker.worker.projection.Projector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Creates at start-up the indexes the read side's queries need (mongo-java-server ignores compound ones). */
@Component
class Indexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Indexes.class);

    private final MongoDatabase database;
    private final List<Projector> projectors;

    Indexes(MongoDatabase database, List<Projector> projectors) {
        this.database = database;
        this.projectors = projectors;
    }

    @Override
    public void afterSingletonsInstantiated() {
        projectors.forEach(projector -> projector.indexes().forEach((collection, indexes) -> {
            database.getCollection(collection).createIndexes(indexes);
            log.info("indexes of {} ensured: {}", collection, indexes.size());
        }));
    }
}
