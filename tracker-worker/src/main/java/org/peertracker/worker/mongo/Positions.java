package org.peertracker.worker.mongo;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.peertracker.views.Projections;
import org.springframework.stereotype.Component;

/**
 * Where each projection stands: per topic-partition, the next offset to read. Kept in MongoDB beside the views
 * and authoritative on partition assignment; a projection without a stored position starts from offset 0.
 */
@Component
public class Positions {

    public static final String COLLECTION = Projections.Positions.COLLECTION;

    private final MongoCollection<Document> positions;

    public Positions(MongoDatabase database) {
        this.positions = database.getCollection(COLLECTION);
    }

    public Map<TopicPartition, Long> of(String projection, Collection<TopicPartition> partitions) {
        var ids = partitions.stream().map(tp -> id(projection, tp)).toList();
        var found = new HashMap<TopicPartition, Long>();
        positions
                .find(in("_id", ids))
                .forEach(doc -> found.put(
                        new TopicPartition(
                                doc.getString(Projections.Positions.TOPIC),
                                doc.getInteger(Projections.Positions.PARTITION)),
                        doc.get(Projections.Positions.NEXT, Number.class).longValue()));
        return found;
    }

    /** Moves positions forward; never backwards, whatever a late or zombie writer says. */
    public void advance(String projection, Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return;
        }
        var upserts = next.entrySet().stream()
                .map(e -> new UpdateOneModel<Document>(
                        new Document("_id", id(projection, e.getKey())),
                        Updates.combine(
                                Updates.set(Projections.Positions.PROJECTION, projection),
                                Updates.set(
                                        Projections.Positions.TOPIC, e.getKey().topic()),
                                Updates.set(
                                        Projections.Positions.PARTITION,
                                        e.getKey().partition()),
                                Updates.max(Projections.Positions.NEXT, e.getValue())),
                        new UpdateOptions().upsert(true)))
                .toList();
        positions.bulkWrite(upserts, new BulkWriteOptions().ordered(false));
    }

    /** A generation's positions are deleted with it: by projection, which this index serves. */
    public static List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending(Projections.Positions.PROJECTION)));
    }

    private static String id(String projection, TopicPartition tp) {
        return Projections.Positions.id(projection, tp.topic(), tp.partition());
    }
}
