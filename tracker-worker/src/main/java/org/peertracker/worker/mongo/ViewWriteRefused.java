package org.peertracker.worker.mongo;

import com.mongodb.MongoBulkWriteException;
import java.util.Set;

/**
 * MongoDB refused some view updates (a document they cannot apply to, e.g. a field of another type): not an outage.
 * The other documents of the same write were applied.
 *
 * @param missing the documents ({@link Effect#document()}) the refused updates were for
 */
public class ViewWriteRefused extends RuntimeException {

    private final Set<String> missing;

    ViewWriteRefused(Set<String> missing, MongoBulkWriteException cause) {
        super(
                "MongoDB refused the update of " + missing.size() + " view document(s): "
                        + cause.getWriteErrors().getFirst().getMessage(),
                cause);
        this.missing = Set.copyOf(missing);
    }

    public Set<String> missing() {
        return missing;
    }
}
