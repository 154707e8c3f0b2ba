package org.peertracker.api.system;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * The rules of a read's range ({@code from}, {@code to}): in order, and at most {@value #MAX_DAYS} days (or
 * {@value #MAX_MONTHS} months) long.
 */
public final class Ranges {

    public static final int MAX_DAYS = 366;

    /** The longest range of months: a year, as the longest range of days. */
    public static final int MAX_MONTHS = 12;

    private Ranges() {}

    /** Days from {@code first} to {@code last}, both included. */
    public record Days(LocalDate first, LocalDate last) {}

    /**
     * The days a read asked for, checked: up to {@code to} or else {@code today}, from {@code from} or else the
     * {@code length} days up to then.
     */
    public static Days days(LocalDate from, LocalDate to, LocalDate today, int length) {
        var last = to != null ? to : today;
        var first = from != null ? from : last.minusDays(length - 1);
        checkDays(first, last);
        return new Days(first, last);
    }

    /** Days from {@code first} to {@code last}, both included. */
    public static void checkDays(LocalDate first, LocalDate last) {
        if (first.isAfter(last)) {
            throw RequestProblem.badParameter("from", "not-after-to", "'from' must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw RequestProblem.badParameter("to", "max-range", "a range may span at most " + MAX_DAYS + " days");
        }
    }

    /** Months from {@code first} to {@code last}, both included. */
    public static void checkMonths(YearMonth first, YearMonth last) {
        if (first.isAfter(last)) {
            throw RequestProblem.badParameter("from", "not-after-to", "'from' must not be after 'to'");
        }
        if (ChronoUnit.MONTHS.between(first, last) >= MAX_MONTHS) {
            throw RequestProblem.badParameter("to", "max-range", "a range may span at most " + MAX_MONTHS + " months");
        }
    }

    /** Instants from {@code since} to {@code until}; {@code toGiven}: which of the two to name when it is too long. */
    public static void checkInstants(Instant since, Instant until, boolean toGiven) {
        if (since.isAfter(until)) {
            throw RequestProblem.badParameter("from", "not-after-to", "'from' must not be after 'to'");
        }
        if (Duration.between(since, until).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            // a count over years of an organisation's events is the cost, whichever page is asked for
            throw RequestProblem.badParameter(
                    toGiven ? "to" : "from", "max-range", "a range may span at most " + MAX_DAYS + " days");
        }
    }
}
