package org.peertracker.api.privacy;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static org.peertracker.views.PseudonymTable.COLLECTION;
import static org.peertracker.views.PseudonymTable.CREATED_AT;
import static org.peertracker.views.PseudonymTable.KEY_VERSION;
import static org.peertracker.views.PseudonymTable.LAST_SEEN_AT;
import static org.peertracker.views.PseudonymTable.ORG_ID;
import static org.peertracker.views.PseudonymTable.REF;
import static org.peertracker.views.PseudonymTable.key;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.peertracker.api.security.ClientReferences;
import org.peertracker.api.system.Views;
import org.peertracker.events.CarriesClientCode;
import org.peertracker.events.Event;
import org.springframework.stereotype.Component;

/**
 * The organisations' pseudonym tables ({@code client_pseudonyms}): a client code leads, through its hash under the
 * organisation's lookup key, to the client's random reference, which is all the events carry. The reference is
 * drawn at random on the client's first event, so it says nothing of the code; erasing the client destroys its
 * rows, after which nothing leads from the code to anything recorded before (a new event with the code gets a new
 * reference). After a key rotation a client found under an older version gets a row under the current one with the
 * same reference; rows only an older, retired version could find are no longer found (the client starts afresh).
 */
@Component
public class ClientPseudonyms implements ClientReferences {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Views views;
    private final OrgKeys keys;
    private final Clock clock;

    public ClientPseudonyms(Views views, OrgKeys keys, Clock clock) {
        this.views = views;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The events with their client codes replaced by references, made for clients seen for the first time. Throws
     * {@link KeyTablesUnavailable} when the table cannot be read or written, {@link OrgKeys.NoKeyForOrganisation} when the
     * organisation has no key.
     */
    public List<Event> pseudonymise(String orgId, List<Event> events) {
        return KeyTablesUnavailable.around(() -> replaceCodes(orgId, events));
    }

    private List<Event> replaceCodes(String orgId, List<Event> events) {
        var codes = new LinkedHashSet<String>();
        events.forEach(e -> {
            if (e.payload() instanceof CarriesClientCode<?> carrier && carrier.clientCode() != null) {
                codes.add(carrier.clientCode());
            }
        });
        if (codes.isEmpty()) {
            return events;
        }
        var refs = refs(orgId, codes);
        return events.stream()
                .map(e -> e.payload() instanceof CarriesClientCode<?> carrier && carrier.clientCode() != null
                        ? e.withPayload(carrier.withClientRef(refs.get(carrier.clientCode())))
                        : e)
                .toList();
    }

    /** The reference of a client code, made when the client is new. */
    Map<String, String> refs(String orgId, Collection<String> codes) {
        int current = keys.currentVersion(orgId);
        var found = find(orgId, codes);
        var refs = new HashMap<String, String>();
        var today = Date.from(clock.instant().truncatedTo(ChronoUnit.DAYS));
        var stale = new ArrayList<String>();
        var claims = new LinkedHashMap<String, String>();
        for (var code : codes) {
            var rows = found.getOrDefault(code, List.of());
            var underCurrent = rows.stream().filter(r -> r.version() == current).findFirst();
            if (underCurrent.isPresent()) {
                refs.put(code, underCurrent.get().ref());
                if (underCurrent.get().lastSeen() == null
                        || underCurrent.get().lastSeen().before(today)) {
                    stale.add(underCurrent.get().id());
                }
                continue;
            }
            // seen under an older version only: the same reference under the current one; else a new client
            var ref = rows.isEmpty() ? newRef() : rows.getFirst().ref();
            claims.put(code, ref);
        }
        refs.putAll(claim(orgId, current, claims, today));
        if (!stale.isEmpty()) {
            views.bookkeeping(COLLECTION).updateMany(in(Views.KEY, stale), Updates.max(LAST_SEEN_AT, today));
        }
        return refs;
    }

    /**
     * The rows of new codes under the current version, each made with its proposed reference unless a racing request
     * made it first: one bulk of upserts and one read of what stands, whatever the number of new clients.
     */
    private Map<String, String> claim(String orgId, int version, Map<String, String> proposed, Date today) {
        if (proposed.isEmpty()) {
            return Map.of();
        }
        // two spellings of one code (case, spaces) are one row
        var ids = new LinkedHashMap<String, List<String>>();
        var upserts = new ArrayList<UpdateOneModel<Document>>();
        var now = Date.from(clock.instant());
        proposed.forEach((code, ref) -> {
            var id = key(orgId, version, keys.lookupHash(orgId, version, code));
            var spellings = ids.computeIfAbsent(id, i -> new ArrayList<>());
            spellings.add(code);
            if (spellings.size() > 1) {
                return;
            }
            upserts.add(new UpdateOneModel<>(
                    eq(Views.KEY, id),
                    Updates.combine(
                            Updates.setOnInsert(ORG_ID, orgId),
                            Updates.setOnInsert(REF, ref),
                            Updates.setOnInsert(KEY_VERSION, version),
                            Updates.setOnInsert(CREATED_AT, now),
                            Updates.max(LAST_SEEN_AT, today)),
                    new UpdateOptions().upsert(true)));
        });
        var table = views.bookkeeping(COLLECTION);
        try {
            table.bulkWrite(upserts, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // two requests making the same new client: one upsert wins, the other meets its row; any other refusal
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
        }
        var refs = new HashMap<String, String>();
        table.find(in(Views.KEY, ids.keySet()))
                .forEach(row -> ids.get(row.getString(Views.KEY)).forEach(code -> refs.put(code, row.getString(REF))));
        return refs;
    }

    /** A read-only lookup: the client's reference, if the table has the code (no row is made). */
    @Override
    public Optional<String> reference(String orgId, String clientCode) {
        if (!keys.has(orgId)) {
            return Optional.empty();
        }
        return find(orgId, List.of(clientCode)).getOrDefault(clientCode, List.of()).stream()
                .map(Row::ref)
                .findFirst();
    }

    /** The references a client code leads to (under any version still read); none when the table has no row. */
    public Set<String> lookup(String orgId, String clientCode) {
        if (!keys.has(orgId)) {
            return Set.of();
        }
        var refs = new LinkedHashSet<String>();
        find(orgId, List.of(clientCode)).getOrDefault(clientCode, List.of()).forEach(r -> refs.add(r.ref()));
        return refs;
    }

    /** Destroys the rows of these references (every version's): erasing the clients. */
    public long erase(String orgId, Collection<String> refs) {
        if (refs.isEmpty()) {
            return 0;
        }
        return views.bookkeeping(COLLECTION)
                .deleteMany(and(eq(ORG_ID, orgId), in(REF, refs)))
                .getDeletedCount();
    }

    /** The references of the organisation's clients not seen since {@code horizon} (retention). */
    public Set<String> notSeenSince(String orgId, Instant horizon) {
        var refs = new LinkedHashSet<String>();
        views.bookkeeping(COLLECTION)
                .find(and(eq(ORG_ID, orgId), lt(LAST_SEEN_AT, Date.from(horizon))))
                .forEach(row -> refs.add(row.getString(REF)));
        return refs;
    }

    private record Row(String id, String ref, int version, Date lastSeen) {}

    /** The rows of the codes under every version still read, the current version's first. */
    private Map<String, List<Row>> find(String orgId, Collection<String> codes) {
        var versions = keys.versions(orgId);
        var codeOf = new HashMap<String, String>();
        for (var code : codes) {
            for (int v : versions) {
                codeOf.put(key(orgId, v, keys.lookupHash(orgId, v, code)), code);
            }
        }
        var found = new HashMap<String, List<Row>>();
        views.bookkeeping(COLLECTION)
                .find(in(Views.KEY, codeOf.keySet()))
                .forEach((Document row) -> found.computeIfAbsent(
                                codeOf.get(row.getString(Views.KEY)), c -> new ArrayList<>())
                        .add(new Row(
                                row.getString(Views.KEY),
                                row.getString(REF),
                                row.getInteger(KEY_VERSION, 1),
                                row.getDate(LAST_SEEN_AT))));
        found.values().forEach(rows -> rows.sort((a, b) -> Integer.compare(b.version(), a.version())));
        return found;
    }

    /** 128 random bits: nothing of the code, nothing of the organisation. */
    static String newRef() {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
