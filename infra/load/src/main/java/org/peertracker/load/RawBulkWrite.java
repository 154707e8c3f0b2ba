package org.peertracker.load;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The reference for projection throughput: what the outreach projection writes for each contact (an upsert of its
 * session and one of its day and area), sent by the raw driver as unordered {@code bulkWrite}s of 500, one upsert
 * per event and view, with no guard, no claims and no merging — the fastest naive projector.
 *
 * <pre>java -cp ... org.peertracker.load.RawBulkWrite mongodb://127.0.0.1:27018 200000</pre>
 */
public final class RawBulkWrite {

    public static void main(String[] args) {
        var uri = args.length > 0 ? args[0] : "mongodb://127.0.0.1:27018";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        System.out.println(EventsPerSecond.json("raw-bulkwrite", events, run(uri, events)));
    }

    /** Seconds taken to write the upserts of {@code events} contacts. */
    public static double run(String uri, int events) {
        try (var client = MongoClients.create(uri)) {
            var db = client.getDatabase("rawbench_" + System.nanoTime());
            var sessions = db.getCollection("outreach_sessions");
            var daily = db.getCollection("outreach_daily");
            var random = ThreadLocalRandom.current();
            long start = System.nanoTime();
            var sessionWrites = new ArrayList<WriteModel<Document>>();
            var dailyWrites = new ArrayList<WriteModel<Document>>();
            for (int i = 0; i < events; i++) {
                int group = 1 + random.nextInt(3);
                Bson counts = Updates.combine(Updates.inc("contacts", 1), Updates.inc("peopleReached", group),
                        Updates.inc("materials.syringes", random.nextInt(30)), Updates.inc("materials.needlesReturned", random.nextInt(30)),
                        Updates.inc("materials.condoms", random.nextInt(10)), Updates.set("orgId", "bench"));
                sessionWrites.add(new UpdateOneModel<>(Filters.eq("_id", "bench|sess-" + random.nextInt(50)), counts,
                        new UpdateOptions().upsert(true)));
                dailyWrites.add(new UpdateOneModel<>(Filters.eq("_id", "bench|2026-11-27|area-" + random.nextInt(8)), counts,
                        new UpdateOptions().upsert(true)));
                if (sessionWrites.size() == 500) {
                    flush(sessions, sessionWrites);
                    flush(daily, dailyWrites);
                }
            }
            flush(sessions, sessionWrites);
            flush(daily, dailyWrites);
            double seconds = (System.nanoTime() - start) / 1e9;
            db.drop();
            return seconds;
        }
    }

    private static void flush(com.mongodb.client.MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            writes.clear();
        }
    }

    /** A one-line JSON result. */
    static final class EventsPerSecond {
        static String json(String name, long events, double seconds) {
            return String.format(java.util.Locale.ROOT, "{\"measure\":\"%s\",\"events\":%d,\"seconds\":%.1f,\"eventsPerSecond\":%.1f}",
                    name, events, seconds, events / seconds);
        }
    }

    private RawBulkWrite() {
    }
}
