package org.peertracker.worker.projection;

import org.peertracker.views.Generations;
import org.peertracker.views.Projections;

/**
 * One generation of a view family's collections (named as {@link Generations} says): a rebuild writes generation n+1
 * beside the live one and switches reads over when caught up. Positions and event claims are kept per target, so
 * the two never mix.
 */
public record ProjectionTarget(String family, int generation) {

    /** The key of this target's positions and claims, e.g. {@code outreach} or {@code outreach@g2}. */
    public String key() {
        return Projections.key(family, generation);
    }

    /** The physical collection that holds a view in this generation. */
    public String collection(String view) {
        return Generations.physical(view, generation);
    }

    public ProjectionTarget next() {
        return new ProjectionTarget(family, generation + 1);
    }
}
