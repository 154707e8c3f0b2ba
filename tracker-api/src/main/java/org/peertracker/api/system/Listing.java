package org.peertracker.api.system;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What a filter finds in one generation of a view, in one order, read as records: a page of it with the total
 * ({@link #page}) for a JSON read, or all of it up to a limit from one cursor ({@link #each}) for an export, so that
 * the two give the same items in the same order. Made by {@link Views#listing}.
 */
public record Listing<T>(MongoCollection<Document> view, Bson filter, Bson order, Function<Document, T> read) {

    public Paging.Page<T> page(Paging paging) {
        var items = new ArrayList<T>();
        view.find(filter)
                .sort(order)
                .skip(paging.skip())
                .limit(paging.size())
                .forEach(doc -> items.add(read.apply(doc)));
        return paging.of(items, count());
    }

    public void each(int limit, Consumer<T> action) {
        view.find(filter).sort(order).limit(limit).forEach(doc -> action.accept(read.apply(doc)));
    }

    public long count() {
        return view.countDocuments(filter);
    }
}
