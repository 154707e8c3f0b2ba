package org.peertracker.views;

/**
 * Which generation of each view readers use. Generation 0 of a view is the collection of its plain name; a rebuild
 * writes generation n beside it ({@code outreach_daily__g1}) and, when caught up, points {@code view_generations} at
 * it: {@code {_id: "outreach_daily", physical: "outreach_daily__g1", family: "outreach", generation: 1}}. A view
 * without an entry is read from its plain name.
 */
public final class Generations {

    public static final String COLLECTION = "view_generations";
    public static final String PHYSICAL = "physical";
    public static final String FAMILY = "family";
    public static final String GENERATION = "generation";

    private Generations() {}

    /** Whether a collection holds a generation of the view (its plain name, or {@code <view>__g<n>}). */
    public static boolean holds(String collection, String view) {
        return collection.equals(view)
                || (collection.startsWith(view + "__g")
                        && collection.substring(view.length() + 3).chars().allMatch(Character::isDigit));
    }

    /** The collection that holds a view in a generation. */
    public static String physical(String view, int generation) {
        return generation == 0 ? view : view + "__g" + generation;
    }
}
