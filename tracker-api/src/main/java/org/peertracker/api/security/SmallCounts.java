package org.peertracker.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what analysts may read of an aggregate view, so that {@link AnalystResponses} can shape their answer: the
 * fields they may see (an allow-list: the counts declared here, the {@link #shown} fields and the {@link #aliases};
 * anything else is removed, so that a field added to a view later stays hidden until declared), and the counts, whose
 * small values are suppressed (see {@link SmallCountSuppression} for the method). Paths name leaves of the answer's
 * JSON, segments split by {@code /}: {@code *} stands for any field of an object or element of an array; a path that
 * ends at an object or array allows nothing in it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface SmallCounts {

    /** Counts that stand alone (not in a group): shown as {@code <5} from 1 to 4. */
    String[] value() default {};

    /** Groups of counts that add up, or sit side by side, so that one could be recovered from the others. */
    Group[] groups() default {};

    /** Shares (0..1) of a shown total, which would reveal the part they stand for. */
    Share[] shares() default {};

    /**
     * Fields that are not counts and may be shown as they are: labels, dates, categories, and numbers that count no
     * people (paging, campaigns). Never ids of people or events, nor free text written about someone.
     */
    String[] shown() default {};

    /** Ids that rows need to be told apart by, shown as aliases that name no one. */
    Alias[] aliases() default {};

    /**
     * Cells that form a group: a path with exactly one {@code ?}, the segment that varies within a group; each
     * binding of the {@code *} segments is a group of its own (e.g. {@code days/{@literal *}/materials/?}: the materials of one
     * row).
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Group {

        String value();

        /** The group's total, if the answer shows one; its {@code *} take the group's bindings in order. */
        String total() default "";

        /**
         * A shown field of the element at {@code ?} whose value splits the group further (e.g. {@code day}: the
         * areas of one day form a group, since a daily total elsewhere adds them up).
         */
        String partitionBy() default "";

        /** Values derived from the group's cells, suppressed when any cell is (its {@code *} as for the total). */
        String[] dependents() default {};
    }

    /** A share of a total (e.g. of hours at co-deciding or leading level), suppressed when its part is small. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Share {

        String value();

        /** The total the share is of: a field beside the share. */
        String of();
    }

    /**
     * Values shown as aliases, {@code as-1}, {@code as-2}, … in order of first appearance in the answer: the same
     * value within one answer gets the same alias; another answer may number them otherwise.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Alias {

        String value();

        /** The aliases' stem, e.g. {@code peer} for {@code peer-1}. */
        String as();
    }
}
