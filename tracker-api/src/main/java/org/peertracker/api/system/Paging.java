package org.peertracker.api.system;

import com.mongodb.client.model.Sorts;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * A page of a list that can grow: {@code page} from 0, {@code size} from 1 to {@value #MAX_SIZE}.
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 200;

    /**
     * The order of a paged list: the latest {@code field} first, ties in document id order. Without the tie-breaker
     * documents with the same time come in storage order, which differs between a live view and its rebuild and can
     * change between two pages, so that an item would repeat or be skipped.
     */
    public static Bson latestFirst(String field) {
        return Sorts.orderBy(Sorts.descending(field), Sorts.ascending(Views.KEY));
    }

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw RequestProblem.badParameter("page", "minimum", "'page' counts from 0");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw RequestProblem.badParameter("size", "range", "'size' must be from 1 to " + MAX_SIZE);
        }
        // in long: page * size overflows an int for a page far beyond the last, and MongoDB skips an int
        if ((long) p * s > Integer.MAX_VALUE) {
            throw RequestProblem.badParameter(
                    "page",
                    "max-page",
                    "'page' times 'size' may be at most " + Integer.MAX_VALUE + " items; no list is that long");
        }
        return new Paging(p, s);
    }

    public int skip() {
        return Math.toIntExact((long) page * size);
    }

    /** One page of items, with the total so that a client knows how many pages there are. */
    public record Page<T>(List<T> items, int page, int size, long total) {}

    public <T> Page<T> of(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}
