package org.peertracker.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the counts of an aggregate view that analysts may read, so that {@link AnalystResponses} can suppress
 * small ones (see {@link SmallCountSuppression} for the method). Paths name fields of the answer's JSON, segments
 * split by {@code /}: {@code *} stands for any field of an object or element of an array.
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

    /** Fields analysts never see in this view (individual-level details in an aggregate answer). */
    String[] hidden() default {};

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
         * A field of the element at {@code ?} whose value splits the group further (e.g. {@code day}: the areas of
         * one day form a group, since a daily total elsewhere adds them up).
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
}
