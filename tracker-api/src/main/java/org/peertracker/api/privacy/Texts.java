package org.peertracker.api.privacy;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.Binary;
import org.peertracker.api.system.Views;
import org.peertracker.events.CarriesFreeText;
import org.peertracker.events.Event;
import org.peertracker.events.SealedText;
import org.peertracker.views.TextKeys;
import org.springframework.stereotype.Component;

/**
 * Free texts sealed per event (see {@link SealedText}): the intake seals an event's texts under a data key of the
 * event's own before it is published; the read side opens them with one read of their keys per answer. Nothing is
 * cached: once a key is deleted (an erasure, the retention period), no instance opens its texts any more. A text
 * whose key is gone opens as {@link Opened.Erased}, never as an error, so every answer and export runs through erased
 * data.
 */
@Component
public class Texts {

    /** A text as the read side gives it: readable, or erased. */
    public sealed interface Opened {

        /** The text, or null when erased. */
        String text();

        record Readable(String text) implements Opened {}

        record Erased() implements Opened {
            @Override
            public String text() {
                return null;
            }
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Views views;
    private final OrgKeys keys;
    private final Clock clock;

    public Texts(Views views, OrgKeys keys, Clock clock) {
        this.views = views;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The events with their texts sealed, each under its own data key (made now, or the one a re-send made before).
     * Throws {@link KeyTablesUnavailable} when the keys cannot be kept, {@link OrgKeys.NoKeyForOrganisation} when the
     * organisation has no key; events without text are returned as they are.
     */
    public List<Event> seal(String orgId, List<Event> events) {
        return KeyTablesUnavailable.around(() -> sealTexts(orgId, events));
    }

    private List<Event> sealTexts(String orgId, List<Event> events) {
        var withText = events.stream()
                .filter(e -> e.payload() instanceof CarriesFreeText<?>)
                .map(e -> e.eventId().toString())
                .toList();
        if (withText.isEmpty()) {
            return events;
        }
        var dataKeys = keysFor(orgId, withText);
        return events.stream()
                .map(e -> e.payload() instanceof CarriesFreeText<?> texts
                        ? e.withPayload(
                                texts.withTexts(text -> seal(orgId, e.eventId().toString(), dataKeys, text)))
                        : e)
                .toList();
    }

    private String seal(String orgId, String eventId, Map<String, DataKey> dataKeys, String text) {
        var key = dataKeys.get(eventId);
        var sealed = Aead.seal(key.key(), context(orgId, eventId), text.getBytes(StandardCharsets.UTF_8));
        return new SealedText(key.version(), eventId, B64.encodeToString(sealed)).toString();
    }

    /** The texts opened, by their sealed form; a text that is not sealed stands for itself. */
    public Map<String, Opened> open(String orgId, Collection<String> texts) {
        var opened = new HashMap<String, Opened>();
        var sealed = new HashMap<String, SealedText>();
        for (var text : texts) {
            if (text == null) {
                continue;
            }
            SealedText.parse(text)
                    .ifPresentOrElse(s -> sealed.put(text, s), () -> opened.put(text, new Opened.Readable(text)));
        }
        if (sealed.isEmpty()) {
            return opened;
        }
        var dataKeys = existingKeys(
                orgId, sealed.values().stream().map(SealedText::keyId).toList());
        sealed.forEach((text, s) -> opened.put(text, open(orgId, s, dataKeys.get(s.keyId()))));
        return opened;
    }

    /** One text opened (null in, null out). */
    public String openOne(String orgId, String text) {
        return text == null ? null : open(orgId, List.of(text)).get(text).text();
    }

    /** Every sealed text in the documents (at any depth) replaced by its plain text, or removed when erased. */
    public List<Document> openAll(String orgId, List<Document> documents) {
        return KeyTablesUnavailable.around(() -> openDocuments(orgId, documents));
    }

    private List<Document> openDocuments(String orgId, List<Document> documents) {
        var found = new ArrayList<String>();
        documents.forEach(d -> collect(d, found));
        if (found.isEmpty()) {
            return documents;
        }
        var opened = open(orgId, found);
        return documents.stream().map(d -> (Document) replace(d, opened)).toList();
    }

    /** {@code read}, given the document with its texts opened first (a reader of a {@code Listing}). */
    public <T> Function<Document, T> reading(String orgId, Function<Document, T> read) {
        return doc -> read.apply(openAll(orgId, List.of(doc)).getFirst());
    }

    private Opened open(String orgId, SealedText sealed, DataKey key) {
        if (key == null) {
            return new Opened.Erased();
        }
        var bytes = B64D.decode(sealed.sealed());
        return Aead.open(key.key(), context(orgId, sealed.keyId()), bytes)
                .<Opened>map(plain -> new Opened.Readable(new String(plain, StandardCharsets.UTF_8)))
                .orElseGet(Opened.Erased::new);
    }

    /** Deletes the data keys of these events: their texts are unreadable from now on. How many there were. */
    public long erase(String orgId, Collection<String> eventIds) {
        return views.bookkeeping(TextKeys.COLLECTION)
                .deleteMany(in(
                        Views.KEY,
                        eventIds.stream().map(id -> TextKeys.key(orgId, id)).toList()))
                .getDeletedCount();
    }

    /** Deletes the data keys of the organisation's texts sealed before {@code horizon} (retention). */
    public long eraseSealedBefore(String orgId, Instant horizon) {
        return views.bookkeeping(TextKeys.COLLECTION)
                .deleteMany(and(eq(TextKeys.ORG_ID, orgId), lt(TextKeys.CREATED_AT, Date.from(horizon))))
                .getDeletedCount();
    }

    private record DataKey(int version, byte[] key) {}

    /**
     * A data key for each event: made and inserted at once (one round trip, as nearly every event is new); where an
     * insert meets a key already there (a re-send of the event, or a request racing with it), that one is read.
     */
    private Map<String, DataKey> keysFor(String orgId, List<String> eventIds) {
        var missing = eventIds.stream().distinct().toList();
        int version = keys.currentVersion(orgId);
        var wrappingKey = keys.wrappingKey(orgId, version);
        var made = new HashMap<String, DataKey>();
        var rows = new ArrayList<Document>();
        var now = Date.from(clock.instant());
        for (var eventId : missing) {
            var key = Aead.newKey();
            made.put(eventId, new DataKey(version, key));
            rows.add(new Document(Views.KEY, TextKeys.key(orgId, eventId))
                    .append(TextKeys.ORG_ID, orgId)
                    .append(TextKeys.EVENT_ID, eventId)
                    .append(TextKeys.KEY_VERSION, version)
                    .append(TextKeys.WRAPPED, new Binary(Aead.seal(wrappingKey, wrapContext(orgId, eventId), key)))
                    .append(TextKeys.CREATED_AT, now));
        }
        Set<String> kept = new HashSet<>();
        try {
            views.bookkeeping(TextKeys.COLLECTION).insertMany(rows, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
            e.getWriteErrors().forEach(error -> kept.add(missing.get(error.getIndex())));
        }
        kept.forEach(made::remove);
        if (!kept.isEmpty()) {
            made.putAll(existingKeys(orgId, List.copyOf(kept)));
        }
        return made;
    }

    private Map<String, DataKey> existingKeys(String orgId, List<String> eventIds) {
        var found = new HashMap<String, DataKey>();
        var ids =
                eventIds.stream().distinct().map(id -> TextKeys.key(orgId, id)).toList();
        views.bookkeeping(TextKeys.COLLECTION).find(in(Views.KEY, ids)).forEach(row -> {
            var eventId = row.getString(TextKeys.EVENT_ID);
            int version = row.getInteger(TextKeys.KEY_VERSION, 1);
            if (!keys.versions(orgId).contains(version)) {
                return; // its wrapping key is retired: as erased
            }
            Aead.open(
                            keys.wrappingKey(orgId, version),
                            wrapContext(orgId, eventId),
                            row.get(TextKeys.WRAPPED, Binary.class).getData())
                    .ifPresent(key -> found.put(eventId, new DataKey(version, key)));
        });
        return found;
    }

    private static byte[] context(String orgId, String eventId) {
        return ("text|" + orgId + "|" + eventId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapContext(String orgId, String eventId) {
        return ("text-key|" + orgId + "|" + eventId).getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(Object value, List<String> found) {
        switch (value) {
            case String s when s.startsWith(SealedText.PREFIX) -> found.add(s);
            case Map<?, ?> map -> map.values().forEach(v -> collect(v, found));
            case List<?> list -> list.forEach(v -> collect(v, found));
            case null, default -> {}
        }
    }

    private static Object replace(Object value, Map<String, Opened> opened) {
        return switch (value) {
            case String s when opened.containsKey(s) -> opened.get(s).text();
            case Map<?, ?> map -> {
                var copy = new Document();
                map.forEach((k, v) -> {
                    var replaced = replace(v, opened);
                    if (replaced != null || v == null) {
                        copy.put((String) k, replaced);
                    }
                });
                yield copy;
            }
            case List<?> list -> list.stream().map(v -> replace(v, opened)).toList();
            case null, default -> value;
        };
    }
}
