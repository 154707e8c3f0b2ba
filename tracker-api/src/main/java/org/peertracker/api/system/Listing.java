package org.peertracker.api.system;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What a filter finds in one generation of a view, in one order, read as records: a page of it with the total
 * ({@link #page}) for a JSON read, or all of it up to a limit from one cursor ({@link #each}) for an export, so that
 * the two give the same items in the same order. Made by {@link Views#listing}.
 *
 * @param prepare what is done to the documents before they are read, a page or a batch at a time (the sealed texts
 *                opened with one read of their keys); as they are by default
 */
public record Listing<T>(
        MongoCollection<Document> view,
        Bson filter,
        Bson order,
        Function<Document, T> read,
        UnaryOperator<List<Document>> prepare) {

    /** How many documents of an export are prepared at once. */
    static final int BATCH = 100;

    public Listing(MongoCollection<Document> view, Bson filter, Bson order, Function<Document, T> read) {
        this(view, filter, order, read, UnaryOperator.identity());
    }

    /** The same listing, its documents prepared by {@code prepare} before they are read. */
    public Listing<T> preparedBy(UnaryOperator<List<Document>> prepare) {
        return new Listing<>(view, filter, order, read, prepare);
    }

    public Paging.Page<T> page(Paging paging) {
        var docs = view.find(filter)
                .sort(order)
                .skip(paging.skip())
                .limit(paging.size())
                .into(new ArrayList<>());
        return paging.of(prepare.apply(docs).stream().map(read).toList(), count());
    }

    public void each(int limit, Consumer<T> action) {
        var batch = new ArrayList<Document>(BATCH);
        for (var doc : view.find(filter).sort(order).limit(limit)) {
            batch.add(doc);
            if (batch.size() == BATCH) {
                prepare.apply(batch).forEach(prepared -> action.accept(read.apply(prepared)));
                batch.clear();
            }
        }
        prepare.apply(batch).forEach(prepared -> action.accept(read.apply(prepared)));
    }

    public long count() {
        return view.countDocuments(filter);
    }
}
