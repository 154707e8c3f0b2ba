package org.peertracker.api.campaign;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static org.peertracker.views.Campaigns.ACTIONS;
import static org.peertracker.views.Campaigns.ACTIONS_BY_KIND;
import static org.peertracker.views.Campaigns.AUDIENCE;
import static org.peertracker.views.Campaigns.CAMPAIGN_ID;
import static org.peertracker.views.Campaigns.CITIES;
import static org.peertracker.views.Campaigns.CLOSED_AT;
import static org.peertracker.views.Campaigns.COLLECTION;
import static org.peertracker.views.Campaigns.ENDS_ON;
import static org.peertracker.views.Campaigns.GOAL;
import static org.peertracker.views.Campaigns.LAST_ACTIVITY_AT;
import static org.peertracker.views.Campaigns.LAUNCH;
import static org.peertracker.views.Campaigns.LAUNCHED_AT;
import static org.peertracker.views.Campaigns.MEDIA_HITS;
import static org.peertracker.views.Campaigns.NAME;
import static org.peertracker.views.Campaigns.ORG_ID;
import static org.peertracker.views.Campaigns.OUTCOMES;
import static org.peertracker.views.Campaigns.OUTCOMES_BY_LEVEL;
import static org.peertracker.views.Campaigns.PARTICIPANTS;
import static org.peertracker.views.Campaigns.PEERS;
import static org.peertracker.views.Campaigns.STARTS_ON;
import static org.peertracker.views.Campaigns.key;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.api.privacy.Texts;
import org.peertracker.api.system.Listing;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.Views;
import org.peertracker.views.Campaigns.Outcome;
import org.springframework.stereotype.Component;

/**
 * Reads {@code campaigns}. A campaign is active until a close is seen; its name, goal and dates are those of its
 * first launch ({@code launch}).
 */
@Component
public class Campaigns {

    public static final String ACTIVE = "active";
    public static final String CLOSED = "closed";

    private final Views views;
    private final Texts texts;

    Campaigns(Views views, Texts texts) {
        this.texts = texts;
        this.views = views;
    }

    /**
     * A campaign as served. Its launch's fields, figures and times are absent until an event gives them.
     *
     * @param status {@code active} or {@code closed}
     * @param cities where its actions took place; empty before the first
     * @param peers  the peers who logged for it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Campaign(
            String orgId,
            String campaignId,
            String name,
            String goal,
            LocalDate startsOn,
            LocalDate endsOn,
            @Schema(allowableValues = {ACTIVE, CLOSED}) String status,
            Instant launchedAt,
            Instant closedAt,
            Instant lastActivityAt,
            Long actions,
            Map<String, Long> actionsByKind,
            Long participants,
            Long audience,
            Long mediaHits,
            List<String> cities,
            Map<String, Long> outcomesByLevel,
            List<CampaignOutcome> outcomes,
            List<String> peers) {}

    /** An outcome as recorded: {@code text} is free text, never shown to analysts. */
    public record CampaignOutcome(String eventId, String level, String text, Instant occurredAt) {}

    /** Campaigns, most recently active first; {@code status} active, closed or null for all. */
    public Listing<Campaign> list(String orgId, String status) {
        return views.listing(
                        COLLECTION, filter(orgId, status), Paging.latestFirst(LAST_ACTIVITY_AT), Campaigns::campaign)
                .preparedBy(docs -> texts.openAll(orgId, docs));
    }

    Optional<Campaign> find(String orgId, String campaignId) {
        return views.find(COLLECTION, key(orgId, campaignId), texts.reading(orgId, Campaigns::campaign));
    }

    /** The organisation's campaigns not closed. */
    public long countActive(String orgId) {
        return list(orgId, ACTIVE).count();
    }

    static Bson filter(String orgId, String status) {
        if (status == null) {
            return eq(ORG_ID, orgId);
        }
        return switch (status) {
            case ACTIVE -> and(eq(ORG_ID, orgId), exists(CLOSED_AT, false));
            case CLOSED -> and(eq(ORG_ID, orgId), exists(CLOSED_AT));
            default -> throw new IllegalArgumentException("status " + status);
        };
    }

    static Campaign campaign(Document doc) {
        var launch = Views.nested(doc, LAUNCH);
        List<CampaignOutcome> outcomes = null;
        if (doc.get(OUTCOMES) instanceof List<?> stored) {
            outcomes = stored.stream()
                    .filter(Document.class::isInstance)
                    .map(Document.class::cast)
                    .map(o -> new CampaignOutcome(
                            o.getString(Outcome.EVENT_ID),
                            o.getString(Outcome.LEVEL),
                            o.getString(Outcome.TEXT),
                            Views.instant(o, Outcome.OCCURRED_AT)))
                    // stored in the order the events arrived in; served in the order they occurred in
                    .sorted(Comparator.comparing(
                                    CampaignOutcome::occurredAt, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(CampaignOutcome::eventId, Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList();
        }
        var cities = Views.strings(doc, CITIES);
        return new Campaign(
                doc.getString(ORG_ID),
                doc.getString(CAMPAIGN_ID),
                launch.getString(NAME),
                launch.getString(GOAL),
                date(launch, STARTS_ON),
                date(launch, ENDS_ON),
                doc.containsKey(CLOSED_AT) ? CLOSED : ACTIVE,
                Views.instant(doc, LAUNCHED_AT),
                Views.instant(doc, CLOSED_AT),
                Views.instant(doc, LAST_ACTIVITY_AT),
                Views.count(doc, ACTIONS),
                Views.wholeCounts(doc, ACTIONS_BY_KIND),
                Views.count(doc, PARTICIPANTS),
                Views.count(doc, AUDIENCE),
                Views.count(doc, MEDIA_HITS),
                cities != null ? cities : List.of(),
                Views.wholeCounts(doc, OUTCOMES_BY_LEVEL),
                outcomes,
                Views.strings(doc, PEERS));
    }

    /** A day of the launch, stored as {@code yyyy-MM-dd}. */
    private static LocalDate date(Document launch, String field) {
        var day = launch.getString(field);
        return day == null ? null : LocalDate.parse(day);
    }
}
