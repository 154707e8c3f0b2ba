package org.peertracker.worker.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import org.peertracker.worker.mongo.CorrectionLog;
import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.Positions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes the read side's queries need: at start-up for the generation each family serves now, and for
 * a rebuild's new generation before it is written (mongo-java-server ignores compound ones). Also the indexes of the
 * bookkeeping collections, whose documents are deleted by projection when a generation is dropped.
 */
@Component
public class ViewIndexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ViewIndexes.class);
    /** MongoDB's document key: every view's is the contract's key ({@code org|id}). */
    private static final String ID = "_id";

    private final MongoDatabase database;
    private final List<Projector> projectors;
    private final ViewGenerations generations;

    ViewIndexes(MongoDatabase database, List<Projector> projectors, ViewGenerations generations) {
        this.database = database;
        this.projectors = projectors;
        this.generations = generations;
    }

    @Override
    public void afterSingletonsInstantiated() {
        database.getCollection(EventClaims.COLLECTION).createIndexes(EventClaims.indexes());
        database.getCollection(Positions.COLLECTION).createIndexes(Positions.indexes());
        database.getCollection(CorrectionLog.COLLECTION).createIndexes(CorrectionLog.indexes());
        projectors.forEach(projector -> ensure(projector, generations.current(projector.name())));
    }

    /**
     * An index that serves a list the API pages newest first: equality on the organisation and the {@code filters},
     * then {@code time} descending and {@code _id} as the tie-break, exactly the API's sort, so that a page is read
     * off the index in order, without sorting in memory, and its time range is a bound on the same index.
     */
    public static IndexModel newestFirst(String orgField, String time, String... filters) {
        var equality = new ArrayList<String>();
        equality.add(orgField);
        equality.addAll(List.of(filters));
        return new IndexModel(
                Indexes.compoundIndex(Indexes.ascending(equality), Indexes.descending(time), Indexes.ascending(ID)));
    }

    /** Creates the projector's indexes on the target generation's collections. */
    public void ensure(Projector projector, ProjectionTarget target) {
        projector.indexes().forEach((view, indexes) -> {
            database.getCollection(target.collection(view)).createIndexes(indexes);
            log.info("indexes of {} ensured: {}", target.collection(view), indexes.size());
        });
    }
}
