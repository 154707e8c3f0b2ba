package org.peertracker.worker.projection;

import com.mongodb.client.model.IndexModel;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peertracker.events.Event;
import org.peertracker.views.ViewFamily;
import org.peertracker.worker.mongo.ErasedClients;

/**
 * A family that keeps client references, seen through erasures: an event whose client is erased is projected as
 * {@link org.peertracker.events.CarriesClientCode#withoutClient()} makes it, whenever it is met (live, replayed, in a
 * rebuild from offset 0, recomputed for a correction). The batch's references are looked up once before it is
 * projected; a reference met outside the batch (a correction's target) is looked up on its own.
 */
final class ErasingProjector implements Projector {

    private final Projector family;
    private final ErasedClients erasures;
    /** Per consumer thread: the references looked up for its batch, and the erased ones among them. */
    private final ThreadLocal<Set<String>> checked = ThreadLocal.withInitial(HashSet::new);

    private final ThreadLocal<Map<String, String>> erased = ThreadLocal.withInitial(HashMap::new);

    ErasingProjector(Projector family, ErasedClients erasures) {
        this.family = family;
        this.erasures = erasures;
    }

    /** Looks up the references of a batch's events, before they are projected. */
    void prepare(Collection<Event> events) {
        checked.get().clear();
        erased.get().clear();
        events.forEach(e -> {
            var key = ErasedClients.keyOf(e);
            if (key != null) {
                checked.get().add(key);
            }
        });
        erased.get().putAll(erasures.among(events));
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        var key = ErasedClients.keyOf(event);
        if (key != null && !checked.get().contains(key)) {
            checked.get().add(key);
            erased.get().putAll(erasures.among(List.of(event)));
        }
        return family.project(
                family.countsErasedClients()
                        ? ErasedClients.withErasedAnonymised(event, erased.get())
                        : ErasedClients.withoutErased(event, erased.get()));
    }

    @Override
    public ViewFamily family() {
        return family.family();
    }

    @Override
    public String name() {
        return family.name();
    }

    @Override
    public List<String> topics() {
        return family.topics();
    }

    @Override
    public List<String> views() {
        return family.views();
    }

    @Override
    public boolean appliesCorrections() {
        return family.appliesCorrections();
    }

    @Override
    public boolean keepsClientRefs() {
        return true;
    }

    @Override
    public boolean countsErasedClients() {
        return family.countsErasedClients();
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return family.indexes();
    }
}
