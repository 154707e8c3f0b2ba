package org.peertracker.load.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The benchmark's progress on stdout, a line at a time, each stamped with the time of day (UTC). */
final class Progress {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    static void progress(String format, Object... args) {
        print(String.format(Locale.ROOT, format, args));
    }

    /** A line as it is, e.g. one another tool formatted. */
    static void progress(String line) {
        print(line);
    }

    private static void print(String line) {
        System.out.println(TIME.format(Instant.now()) + " " + line);
        // infra/bench's caller watches the run as it goes, often through a pipe
        System.out.flush();
    }

    private Progress() {}
}
