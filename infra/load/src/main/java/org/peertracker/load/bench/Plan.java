package org.peertracker.load.bench;

/** How long each part runs: {@code --quick} for a smoke run, else the full run. */
record Plan(
        boolean quick,
        int warmupSeconds,
        int intakeSeconds,
        int singleSeconds,
        int fixedSeconds,
        int endToEndSeconds,
        int probesPerSecond,
        long perfRecords,
        long projectionEvents,
        long rebuildEvents) {

    /** The warm-up's offered rate: enough for the JIT, and leaves it cores to compile with. */
    static final int WARMUP_EVENTS_PER_SECOND = 10_000;

    static Plan of(boolean quick) {
        // the API's warm-up is long: on 2 busy cores its JIT takes most of a minute to compile the intake's hot paths
        return quick
                ? new Plan(true, 15, 8, 6, 8, 12, 20, 100_000, 100_000, 100_000)
                : new Plan(false, 60, 20, 20, 20, 30, 25, 500_000, 500_000, 1_000_000);
    }
}
