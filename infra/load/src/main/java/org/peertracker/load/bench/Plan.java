package org.peertracker.load.bench;

/** How long each part runs: {@code --quick} for a smoke run, else the full run. */
record Plan(
        boolean quick,
        int repeats,
        int warmupSeconds,
        int warmupRounds,
        int warmupRoundSeconds,
        int intakeSeconds,
        int singleSeconds,
        int fixedSeconds,
        int endToEndSeconds,
        int probesPerSecond,
        long perfRecords,
        long projectionEvents,
        long rebuildEvents) {

    /** The end-to-end warm-up's offered rate: enough for the JIT, and leaves it cores to compile with. */
    static final int WARMUP_EVENTS_PER_SECOND = 10_000;

    /**
     * Every measured run is repeated {@code repeats} times (the figure is the median); before the first, the intake
     * is loaded in rounds as long as a measured run (single events: half of {@code warmupRoundSeconds}) until
     * {@link Runs#warmUntilStable three rounds agree} or half of {@code warmupRounds} have run. On 2 busy cores the API's JIT takes minutes, not seconds, to compile the
     * intake's hot paths: a fixed minute of warm-up left the first measured runs at half the rate of the same load at
     * the end of the step.
     */
    static Plan of(boolean quick) {
        return quick
                ? new Plan(true, 3, 15, 6, 5, 8, 6, 8, 12, 20, 100_000, 100_000, 100_000)
                : new Plan(false, 3, 60, 24, 10, 20, 20, 20, 30, 25, 500_000, 500_000, 1_000_000);
    }
}
