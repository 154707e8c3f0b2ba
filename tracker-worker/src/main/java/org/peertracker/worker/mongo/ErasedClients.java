package org.peertracker.worker.mongo;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoDatabase;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.peertracker.events.CarriesClientCode;
import org.peertracker.events.Event;
import org.peertracker.views.ErasedClientRefs;

/**
 * Which client references are erased: the tombstones the API writes ({@code erased_clients}) before it destroys a
 * client's pseudonym rows. A tombstone is a random reference that no code leads to any more; it stays, so that a
 * rebuild from offset 0 drops the reference again.
 */
public final class ErasedClients {

    private final MongoDatabase database;

    public ErasedClients(MongoDatabase database) {
        this.database = database;
    }

    /** The erased ones among the references the events carry (one read; none when no event names a client). */
    public Set<String> among(Collection<Event> events) {
        var refs = new HashSet<String>();
        events.forEach(e -> {
            var key = keyOf(e);
            if (key != null) {
                refs.add(key);
            }
        });
        var erased = new HashSet<String>();
        if (refs.isEmpty()) {
            return erased;
        }
        database.getCollection(ErasedClientRefs.COLLECTION)
                .find(in("_id", refs))
                .forEach(doc -> erased.add(doc.getString("_id")));
        return erased;
    }

    /** The event as the views keep it: without the client when {@code erased} has its reference. */
    public static Event withoutErased(Event event, Set<String> erased) {
        var ref = refOf(event);
        if (ref != null
                && erased.contains(ErasedClientRefs.key(event.orgId(), ref))
                && event.payload() instanceof CarriesClientCode<?> carrier) {
            return event.withPayload(carrier.withoutClient());
        }
        return event;
    }

    /** The tombstone key the event's client reference would have; null when it names no client. */
    public static String keyOf(Event event) {
        var ref = refOf(event);
        return ref == null ? null : ErasedClientRefs.key(event.orgId(), ref);
    }

    private static String refOf(Event event) {
        return event.payload() instanceof CarriesClientCode<?> carrier ? carrier.clientRef() : null;
    }
}
