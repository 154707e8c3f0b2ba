package org.peertracker.load;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventType;

/**
 * The reference for projection throughput: the fastest naive projector of outreach contacts. For each contact of the
 * benchmark's mix ({@link RebuildEvents}: the same sessions, days and areas the projection is measured on) it sends
 * the upserts the outreach projection makes — its session and its day and area, with the same fields and the same
 * secondary indexes — as unordered {@code bulkWrite}s of 500 upserts per collection, one upsert per event and view:
 * no offset guard, no duplicate claims, no merging, no positions.
 *
 * <pre>java -cp ... org.peertracker.load.RawBulkWrite mongodb://127.0.0.1:27018 200000 field</pre>
 */
public final class RawBulkWrite {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    public static void main(String[] args) {
        var uri = args.length > 0 ? args[0] : "mongodb://127.0.0.1:27018";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        var order = RebuildEvents.Order.of(args.length > 2 ? args[2] : "field");
        System.out.println(EventsPerSecond.json("raw-bulkwrite", events, run(uri, events, order)));
    }

    /** What a contact writes, decoded before the clock starts. */
    private record Contact(
            String session,
            String day,
            String area,
            String peer,
            Date at,
            boolean newContact,
            int groupSize,
            Map<String, Integer> materials) {}

    /** Seconds taken to write the upserts of {@code events} contacts of the mix in the given order. */
    public static double run(String uri, int events, RebuildEvents.Order order) {
        var contacts = contacts(events, order);
        try (var client = MongoClients.create(uri)) {
            var db = client.getDatabase("rawbench_" + System.nanoTime());
            var sessions = db.getCollection("outreach_sessions");
            var daily = db.getCollection("outreach_daily");
            // the projection's indexes (OutreachProjector#indexes): the newest-first lists with the _id tie-break
            sessions.createIndexes(List.of(
                    new IndexModel(Indexes.compoundIndex(
                            Indexes.ascending("orgId"),
                            Indexes.descending("lastActivityAt"),
                            Indexes.ascending("_id"))),
                    new IndexModel(Indexes.compoundIndex(
                            Indexes.ascending("orgId", "peers"),
                            Indexes.descending("lastActivityAt"),
                            Indexes.ascending("_id")))));
            daily.createIndexes(List.of(new IndexModel(Indexes.ascending("orgId", "day", "area"))));
            long start = System.nanoTime();
            var sessionWrites = new ArrayList<WriteModel<Document>>();
            var dailyWrites = new ArrayList<WriteModel<Document>>();
            for (var contact : contacts) {
                // as the projection: no $inc of zero
                var counts = new ArrayList<Bson>(
                        List.of(Updates.inc("contacts", 1), Updates.inc("peopleReached", contact.groupSize())));
                if (contact.newContact()) {
                    counts.add(Updates.inc("newContacts", 1));
                }
                contact.materials().forEach((material, count) -> {
                    if (count != 0) {
                        counts.add(Updates.inc("materials." + material, count));
                    }
                });
                var session = new ArrayList<>(counts);
                session.addAll(List.of(
                        Updates.set("orgId", RebuildEvents.BENCH_ORG),
                        Updates.set("sessionId", contact.session()),
                        Updates.addToSet("peers", contact.peer()),
                        Updates.max("lastActivityAt", contact.at()),
                        Updates.setOnInsert("area", contact.area())));
                var day = new ArrayList<>(counts);
                day.addAll(List.of(
                        Updates.set("orgId", RebuildEvents.BENCH_ORG),
                        Updates.set("day", contact.day()),
                        Updates.set("area", contact.area())));
                sessionWrites.add(new UpdateOneModel<>(
                        Filters.eq("_id", RebuildEvents.BENCH_ORG + "|" + contact.session()),
                        Updates.combine(session),
                        UPSERT));
                dailyWrites.add(new UpdateOneModel<>(
                        Filters.eq("_id", RebuildEvents.BENCH_ORG + "|" + contact.day() + "|" + contact.area()),
                        Updates.combine(day),
                        UPSERT));
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

    private static List<Contact> contacts(int count, RebuildEvents.Order order) {
        var mix = new RebuildEvents(RebuildEvents.BENCH_ORG, order);
        var contacts = new ArrayList<Contact>(count);
        for (int i = 0; i < count; i++) {
            var event = EventCodec.read(
                    mix.next(EventType.OUTREACH_CONTACT_RECORDED).value());
            var contact = (ContactRecorded) event.payload();
            contacts.add(new Contact(
                    contact.sessionId(),
                    event.occurredAt().atZone(ZONE).toLocalDate().toString(),
                    contact.area(),
                    event.peerId(),
                    Date.from(event.occurredAt()),
                    contact.newContact(),
                    contact.groupSize(),
                    contact.materials().byName()));
        }
        return contacts;
    }

    private static void flush(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            writes.clear();
        }
    }

    /** A one-line JSON result. */
    static final class EventsPerSecond {
        static String json(String name, long events, double seconds) {
            return String.format(
                    Locale.ROOT,
                    "{\"measure\":\"%s\",\"events\":%d,\"seconds\":%.1f,\"eventsPerSecond\":%.1f}",
                    name,
                    events,
                    seconds,
                    events / seconds);
        }
    }

    private RawBulkWrite() {}
}
