package org.peertracker.worker.outreach;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.Map;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.OutreachPayload;
import org.peertracker.events.Topics;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewProperties;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/** Projects outreach events into {@code outreach_daily}: per org, day and area. */
@Component
class OutreachProjector implements Projector {

    static final String DAILY = "outreach_daily";

    private final ViewProperties views;

    OutreachProjector(ViewProperties views) {
        this.views = views;
    }

    @Override
    public String name() {
        return "outreach";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.OUTREACH);
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        if (!(event.payload() instanceof OutreachPayload payload)) {
            return List.of();
        }
        return switch (payload) {
            case ContactRecorded contact -> on(event, contact);
        };
    }

    private List<ViewUpdate> on(Event event, ContactRecorded contact) {
        var day = event.occurredAt().atZone(views.zone()).toLocalDate().toString();
        var update = new DocumentUpdate()
                .set("orgId", event.orgId())
                .set("day", day)
                .set("area", contact.area())
                .inc("contacts", 1)
                .inc("newContacts", contact.newContact() ? 1 : 0)
                .inc("peopleReached", contact.groupSize());
        contact.materials().byName().forEach((material, count) -> update.inc("materials." + material, count));
        var id = String.join("|", event.orgId(), day, contact.area());
        return List.of(new ViewUpdate(DAILY, id, update));
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(DAILY, List.of(new IndexModel(Indexes.ascending("orgId", "day", "area"))));
    }
}
