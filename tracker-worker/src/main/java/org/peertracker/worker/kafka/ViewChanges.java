package org.peertracker.worker.kafka;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.peertracker.views.ViewChange;
import org.peertracker.views.ViewKey;
import org.peertracker.worker.projection.ViewChangeNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Tells dashboards what changed: after a batch is applied to the live views, one compact notification per
 * organisation and view ({@code {view, ids, orgId}}) goes to {@code tracker.view-changes}, keyed by organisation.
 * Best effort: a lost notification costs a dashboard a refresh, never a view its correctness.
 */
@Component
public class ViewChanges implements ViewChangeNotifier {

    private static final Logger log = LoggerFactory.getLogger(ViewChanges.class);

    private final KafkaOperations<String, byte[]> kafka;

    @SuppressWarnings("unchecked")
    ViewChanges(KafkaOperations<?, ?> kafka) {
        this.kafka = (KafkaOperations<String, byte[]>) kafka;
    }

    /** Publishes the changes of one applied batch: pairs of logical view and document id ({@code org|...}). */
    @Override
    public void changed(Map<String, Set<String>> idsByView) {
        var changes = new LinkedHashMap<String, Map<String, Set<String>>>();
        idsByView.forEach((view, ids) ->
                ids.forEach(id -> changes.computeIfAbsent(ViewKey.orgOf(id), org -> new LinkedHashMap<>())
                        .computeIfAbsent(view, v -> new LinkedHashSet<>())
                        .add(id)));
        changes.forEach((org, views) -> views.forEach((view, ids) -> {
            var change = new ViewChange(view, List.copyOf(ids), org);
            kafka.send(Topics.VIEW_CHANGES, org, EventCodec.mapper().writeValueAsBytes(change))
                    .exceptionally(e -> {
                        log.debug(
                                "a view-change notification was not published: {}",
                                e.getClass().getSimpleName());
                        return null;
                    });
        }));
    }
}
