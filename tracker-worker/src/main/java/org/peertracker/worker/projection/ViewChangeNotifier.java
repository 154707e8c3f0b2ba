package org.peertracker.worker.projection;

import java.util.Map;
import java.util.Set;

/** Told what a batch applied to the live views changed, so that dashboards can re-read it. */
@FunctionalInterface
public interface ViewChangeNotifier {

    /** The changed documents: their ids ({@code org|...}) by logical view. */
    void changed(Map<String, Set<String>> idsByView);
}
