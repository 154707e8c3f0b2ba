package org.peertracker.worker.campaign;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CampaignClosed;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.CampaignPayload;
import org.peertracker.events.Event;
import org.peertracker.events.OutcomeRecorded;
import org.peertracker.events.Topics;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * Projects campaign events into {@code campaigns}: status, actions by kind, participants, audience, media hits,
 * cities and outcomes. An action recorded before its campaign's launch is seen still counts.
 */
@Component
class CampaignProjector implements Projector {

    static final String CAMPAIGNS = "campaigns";

    @Override
    public String name() {
        return "campaign";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.CAMPAIGN);
    }

    @Override
    public List<String> views() {
        return List.of(CAMPAIGNS);
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        if (!(event.payload() instanceof CampaignPayload payload)) {
            return List.of();
        }
        var update = switch (payload) {
            case CampaignLaunched launched -> on(event, launched);
            case ActionRecorded action -> on(event, action);
            case OutcomeRecorded outcome -> on(event, outcome);
            case CampaignClosed closed -> on(event, closed);
        };
        return List.of(new ViewUpdate(CAMPAIGNS, ViewUpdate.key(event.orgId(), payload.campaignId()), update
                .set("orgId", event.orgId())
                .set("campaignId", payload.campaignId())
                .addToSet("peers", event.peerId())
                .max("lastActivityAt", event.occurredAt())));
    }

    private DocumentUpdate on(Event event, CampaignLaunched launched) {
        var update = new DocumentUpdate()
                .set("name", launched.name())
                .set("goal", launched.goal())
                .set("startsOn", launched.startsOn().toString())
                .min("launchedAt", event.occurredAt());
        return launched.endsOn() == null ? update : update.set("endsOn", launched.endsOn().toString());
    }

    private DocumentUpdate on(Event event, ActionRecorded action) {
        return new DocumentUpdate()
                .inc("actions", 1)
                .inc("actionsByKind." + action.kind(), 1)
                .inc("participants", action.participants())
                .inc("audience", action.audience())
                .inc("mediaHits", action.mediaHits())
                .addToSet("cities", action.city());
    }

    private DocumentUpdate on(Event event, OutcomeRecorded outcome) {
        return new DocumentUpdate()
                .inc("outcomesByLevel." + outcome.level(), 1)
                .addToSet("outcomes", new Document("eventId", event.eventId().toString())
                        .append("level", outcome.level())
                        .append("text", outcome.text())
                        .append("occurredAt", java.util.Date.from(event.occurredAt())));
    }

    private DocumentUpdate on(Event event, CampaignClosed closed) {
        return new DocumentUpdate().max("closedAt", event.occurredAt());
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(CAMPAIGNS, List.of(new IndexModel(Indexes.ascending("orgId", "lastActivityAt"))));
    }
}
