package org.peertracker.worker.projection;

import com.mongodb.client.model.IndexModel;
import java.util.List;
import java.util.Map;
import org.peertracker.events.Event;
import org.peertracker.views.ViewFamily;

/**
 * One view family: the topics it reads and the document updates each event makes. Each projector has its own
 * consumer group and its own positions, so each family can be replayed or rebuilt on its own.
 */
public interface Projector {

    /** The family, as the view contract names it. */
    ViewFamily family();

    /** The family's short stable name, used for its consumer group and positions, e.g. {@code outreach}. */
    default String name() {
        return family().id();
    }

    default List<String> topics() {
        return family().topics();
    }

    /** The views (logical collection names) this family writes. */
    default List<String> views() {
        return family().views();
    }

    /**
     * The updates one event makes, each to a single document; empty when the event does not concern these views.
     * Every update commutes with every other (counts add up, the first or the latest by rank wins, sets unite), so
     * that a document is the same whatever order its events arrive in, and equal to all its events' updates merged.
     */
    List<ViewUpdate> project(Event event);

    /**
     * True (the default) when the pipeline applies corrections for this family: it never sees an {@code event.voided}
     * or {@code event.amended}, only its targets as the corrections make them. False for a family that records the
     * corrections themselves (the activity log, an audit trail), which sees them as any other event.
     */
    default boolean appliesCorrections() {
        return true;
    }

    /**
     * True for a family whose views keep client references: the pipeline then projects an erased client's events
     * without the client ({@code docs/privacy.md}).
     */
    default boolean keepsClientRefs() {
        return false;
    }

    /**
     * True for a family that counts distinct clients: an erased client's reference is then replaced by an anonymous
     * token of its own rather than dropped, so that the count stays.
     */
    default boolean countsErasedClients() {
        return false;
    }

    /** The secondary indexes the read side's queries need, by collection. */
    default Map<String, List<IndexModel>> indexes() {
        return Map.of();
    }
}
