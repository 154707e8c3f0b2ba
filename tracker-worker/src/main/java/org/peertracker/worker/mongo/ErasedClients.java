package org.peertracker.worker.mongo;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoDatabase;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.peertracker.events.CarriesClientCode;
import org.peertracker.events.Event;
import org.peertracker.events.Payload;
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

    /**
     * The erased ones among the references the events carry, as tombstone keys with their anonymous tokens (one read;
     * none when no event names a client).
     */
    public Map<String, String> among(Collection<Event> events) {
        var refs = new HashSet<String>();
        events.forEach(e -> {
            var key = keyOf(e);
            if (key != null) {
                refs.add(key);
            }
        });
        var erased = new HashMap<String, String>();
        if (refs.isEmpty()) {
            return erased;
        }
        database.getCollection(ErasedClientRefs.COLLECTION)
                .find(in("_id", refs))
                .forEach(doc -> erased.put(doc.getString("_id"), doc.getString(ErasedClientRefs.TOKEN)));
        return erased;
    }

    /** The event as the views keep it: without the client when {@code erased} has its reference. */
    public static Event withoutErased(Event event, Map<String, String> erased) {
        var ref = refOf(event);
        if (ref != null
                && erased.containsKey(ErasedClientRefs.key(event.orgId(), ref))
                && event.payload() instanceof CarriesClientCode<?> carrier) {
            return event.withPayload(carrier.withoutClient());
        }
        return event;
    }

    /**
     * The event as a view that counts distinct clients keeps it: an erased client's reference replaced by its
     * tombstone's anonymous token, so the count stays and nothing leads to the client.
     */
    public static Event withErasedAnonymised(Event event, Map<String, String> erased) {
        var ref = refOf(event);
        if (ref == null
                || !erased.containsKey(ErasedClientRefs.key(event.orgId(), ref))
                || !(event.payload() instanceof CarriesClientCode<?> carrier)) {
            return event;
        }
        var token = erased.get(ErasedClientRefs.key(event.orgId(), ref));
        var without = carrier.withoutClient();
        return event.withPayload(
                token == null ? without : (Payload) ((CarriesClientCode<?>) without).withClientRef(token));
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
