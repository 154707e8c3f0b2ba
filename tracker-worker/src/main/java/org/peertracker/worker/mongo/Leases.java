package org.peertracker.worker.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.peertracker.views.OperationLeases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Leases on deployment-wide operations (a rebuild of a family, a dead-letter replay), kept in MongoDB so that every
 * instance sees them ({@code operation_leases}): one holder at a time, renewed while it works, and taken over by
 * anyone once it expires, so that an instance that died does not hold it for ever. A lease document also carries what
 * its holder reports (a rebuild's progress), readable from any instance, and keeps it after release.
 */
@Component
public class Leases {

    private static final String COLLECTION = OperationLeases.COLLECTION;
    private static final String HOLDER = OperationLeases.HOLDER;
    private static final String TOKEN = OperationLeases.TOKEN;
    private static final String EXPIRES_AT = OperationLeases.EXPIRES_AT;
    private static final String DETAILS = OperationLeases.DETAILS;

    private final MongoCollection<Document> leases;
    private final Clock clock;

    @Autowired
    public Leases(MongoDatabase database) {
        this(database, Clock.systemUTC());
    }

    public Leases(MongoDatabase database, Clock clock) {
        this.leases = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** A lease held: renew it before {@code ttl} passes, and release it when done. */
    public record Lease(String name, String holder, String token, Duration ttl) {}

    /** What a lease says: its holder, whether it is held now, and its holder's report. */
    public record State(String name, String holder, boolean held, Document details) {}

    /** Takes the lease unless another holds it unexpired. */
    public Optional<Lease> acquire(String name, String holder, Duration ttl, Document details) {
        var token = UUID.randomUUID().toString();
        var now = clock.instant();
        var fields = Updates.combine(
                Updates.set(HOLDER, holder),
                Updates.set(TOKEN, token),
                Updates.set(EXPIRES_AT, Date.from(now.plus(ttl))),
                Updates.set(DETAILS, details));
        // released (no token) or expired: a release at this very millisecond must not keep it from being taken
        var taken = leases.updateOne(and(eq("_id", name), or(eq(TOKEN, null), lt(EXPIRES_AT, Date.from(now)))), fields);
        if (taken.getModifiedCount() == 1) {
            return Optional.of(new Lease(name, holder, token, ttl));
        }
        try {
            leases.insertOne(new Document("_id", name)
                    .append(HOLDER, holder)
                    .append(TOKEN, token)
                    .append(EXPIRES_AT, Date.from(now.plus(ttl)))
                    .append(DETAILS, details));
            return Optional.of(new Lease(name, holder, token, ttl));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                // held, unexpired: by someone else, or by this holder under another token
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Extends the lease and stores the holder's report; false when it was lost (expired and taken over). */
    public boolean renew(Lease lease, Document details) {
        var renewed = leases.updateOne(
                and(eq("_id", lease.name()), eq(TOKEN, lease.token())),
                Updates.combine(
                        Updates.set(EXPIRES_AT, Date.from(clock.instant().plus(lease.ttl()))),
                        Updates.set(DETAILS, details)));
        return renewed.getMatchedCount() == 1;
    }

    /** Ends the lease, keeping the holder's last report for anyone who asks. */
    public void release(Lease lease, Document details) {
        leases.updateOne(
                and(eq("_id", lease.name()), eq(TOKEN, lease.token())),
                Updates.combine(
                        Updates.set(EXPIRES_AT, Date.from(clock.instant())),
                        Updates.set(TOKEN, null),
                        Updates.set(DETAILS, details)));
    }

    public Optional<State> read(String name) {
        return Optional.ofNullable(leases.find(eq("_id", name)).first()).map(this::state);
    }

    /** The leases whose names begin with {@code prefix}, e.g. every family's rebuild. */
    public List<State> all(String prefix) {
        var states = new ArrayList<State>();
        leases.find(regex("_id", "^" + Pattern.quote(prefix))).forEach(doc -> states.add(state(doc)));
        return states;
    }

    private State state(Document doc) {
        var expires = doc.getDate(EXPIRES_AT);
        boolean held = doc.getString(TOKEN) != null
                && expires != null
                && expires.toInstant().isAfter(clock.instant());
        return new State(doc.getString("_id"), doc.getString(HOLDER), held, doc.get(DETAILS, new Document()));
    }
}
