package org.peertracker.worker.projection;

import com.mongodb.client.model.IndexModel;
import java.util.List;
import java.util.Map;
import org.peertracker.events.Event;

/**
 * One view family: the topics it reads and the document updates each event makes. Each projector has its own
 * consumer group and its own positions, so each family can be replayed or rebuilt on its own.
 */
public interface Projector {

    /** The family's short stable name, used for its consumer group and positions, e.g. {@code outreach}. */
    String name();

    List<String> topics();

    /** The views (logical collection names) this family writes. */
    List<String> views();

    /** The updates one event makes, each to a single document; empty when the event does not concern these views. */
    List<ViewUpdate> project(Event event);

    /** The secondary indexes the read side's queries need, by collection. */
    default Map<String, List<IndexModel>> indexes() {
        return Map.of();
    }
}
