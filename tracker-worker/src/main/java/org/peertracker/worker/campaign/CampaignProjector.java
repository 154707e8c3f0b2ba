package org.peertracker.worker.campaign;

import static org.peertracker.views.FieldPath.of;

import com.mongodb.client.model.IndexModel;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CampaignClosed;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.CampaignPayload;
import org.peertracker.events.Event;
import org.peertracker.events.OutcomeRecorded;
import org.peertracker.views.Campaigns;
import org.peertracker.views.Campaigns.Outcome;
import org.peertracker.views.ViewFamily;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.mongo.Ranked;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewIndexes;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * Projects campaign events into {@code campaigns}: status, actions by kind, participants, audience, media hits,
 * cities and outcomes. An action recorded before its campaign's launch is seen still counts.
 */
@Component
class CampaignProjector implements Projector {

    static final String CAMPAIGNS = Campaigns.COLLECTION;

    @Override
    public ViewFamily family() {
        return ViewFamily.CAMPAIGN;
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
        return List.of(new ViewUpdate(
                CAMPAIGNS,
                Campaigns.key(event.orgId(), payload.campaignId()),
                update.set(Campaigns.ORG_ID, event.orgId())
                        .set(Campaigns.CAMPAIGN_ID, payload.campaignId())
                        .addToSet(Campaigns.PEERS, event.peerId())
                        .max(Campaigns.LAST_ACTIVITY_AT, event.occurredAt())));
    }

    private DocumentUpdate on(Event event, CampaignLaunched launched) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put(Campaigns.NAME, launched.name());
        fields.put(Campaigns.GOAL, launched.goal());
        fields.put(Campaigns.STARTS_ON, launched.startsOn().toString());
        if (launched.endsOn() != null) {
            fields.put(Campaigns.ENDS_ON, launched.endsOn().toString());
        }
        return new DocumentUpdate()
                .min(Campaigns.LAUNCH, Ranked.by(event.occurredAt(), event.eventId(), fields))
                .min(Campaigns.LAUNCHED_AT, event.occurredAt());
    }

    private DocumentUpdate on(Event event, ActionRecorded action) {
        return new DocumentUpdate()
                .inc(Campaigns.ACTIONS, 1)
                .inc(of(Campaigns.ACTIONS_BY_KIND, action.kind()), 1)
                .inc(Campaigns.PARTICIPANTS, action.participants())
                .inc(Campaigns.AUDIENCE, action.audience())
                .inc(Campaigns.MEDIA_HITS, action.mediaHits())
                .addToSet(Campaigns.CITIES, action.city());
    }

    private DocumentUpdate on(Event event, OutcomeRecorded outcome) {
        return new DocumentUpdate()
                .inc(of(Campaigns.OUTCOMES_BY_LEVEL, outcome.level()), 1)
                .addToSet(
                        Campaigns.OUTCOMES,
                        new Document(Outcome.EVENT_ID, event.eventId().toString())
                                .append(Outcome.LEVEL, outcome.level())
                                .append(Outcome.TEXT, outcome.text())
                                .append(Outcome.OCCURRED_AT, Date.from(event.occurredAt())));
    }

    private DocumentUpdate on(Event event, CampaignClosed closed) {
        return new DocumentUpdate().max(Campaigns.CLOSED_AT, event.occurredAt());
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(CAMPAIGNS, List.of(ViewIndexes.newestFirst(Campaigns.ORG_ID, Campaigns.LAST_ACTIVITY_AT)));
    }
}
