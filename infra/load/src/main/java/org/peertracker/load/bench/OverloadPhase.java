package org.peertracker.load.bench;

import java.util.List;

/**
 * Step 3 at shares of the maximum intake of step 1, as the target is set (p99 under 250 ms at 50%); on a stack of its
 * own, since the backlogs these rates leave fill the embedded MongoDB's memory.
 */
final class OverloadPhase {

    private final EndToEnd endToEnd;

    OverloadPhase(Harness harness) {
        this.endToEnd = new EndToEnd(harness);
    }

    void measure(double maxIntake) throws Exception {
        endToEnd.warmUp();
        for (int percent : List.of(25, 50, 75)) {
            endToEnd.measure("max", maxIntake, percent, percent == 50 ? 250 : 0);
        }
    }
}
