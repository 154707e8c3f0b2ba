package org.peertracker.load.bench;

/**
 * Step 3 at half the maximum intake of step 1, as the target is set (p99 under 250 ms there); on a stack of its own,
 * since the backlogs such rates leave fill the embedded MongoDB's memory. Only the target's share: on 2026-12-07 the
 * runs at 25 % and 50 % (three each, about 1.7 million events with the warm-up) filled the stand-in's 16 GB before
 * the 75 % share began, and every share above the sustained rate says the same thing (a backlog that grows).
 */
final class OverloadPhase {

    private final EndToEnd endToEnd;

    OverloadPhase(Harness harness) {
        this.endToEnd = new EndToEnd(harness);
    }

    void measure(double maxIntake) throws Exception {
        endToEnd.warmUp();
        endToEnd.measure("max", maxIntake, 50, 250);
    }
}
