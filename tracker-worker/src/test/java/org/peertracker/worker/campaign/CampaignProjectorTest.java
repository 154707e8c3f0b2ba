package org.peertracker.worker.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peertracker.worker.campaign.NaloxoneCampaign.day;
import static org.peertracker.worker.projection.ViewDocuments.date;
import static org.peertracker.worker.projection.ViewDocuments.number;
import static org.peertracker.worker.projection.ViewDocuments.value;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Event;
import org.peertracker.views.ViewKey;
import org.peertracker.worker.projection.InMemoryViews;

/** What each campaign event does to its campaign's document, without Kafka or MongoDB. */
class CampaignProjectorTest {

    static final String ORG = "org-campaign";
    static final String CAMPAIGNS = CampaignProjector.CAMPAIGNS;

    final CampaignProjector projector = new CampaignProjector();
    final List<Event> events = NaloxoneCampaign.events(ORG);
    final InMemoryViews spring = InMemoryViews.project(projector, events);

    @Test
    void takesNameGoalAndDatesFromTheLaunchAndTheTimeOfTheClose() {
        var campaign = campaign("naloxone-now");

        assertThat(campaign.getString("campaignId")).isEqualTo("naloxone-now");
        assertThat(campaign.getString("orgId")).isEqualTo(ORG);
        assertThat(value(campaign, "launch.name")).isEqualTo("Naloxone in every pharmacy");
        assertThat(value(campaign, "launch.goal")).isEqualTo("Pharmacies hand out naloxone without prescription");
        assertThat(value(campaign, "launch.startsOn")).isEqualTo("2026-03-01");
        assertThat(value(campaign, "launch.endsOn")).isEqualTo("2026-06-30");
        assertThat(campaign.get("launchedAt")).isEqualTo(date(day(3, 1)));
        assertThat(campaign.get("closedAt")).isEqualTo(date(day(5, 30)));
        assertThat(campaign.get("lastActivityAt")).isEqualTo(date(day(5, 30)));
    }

    @Test
    void sumsActionsByKindParticipantsAudienceAndMediaHitsCountingOneRecordedBeforeTheLaunch() {
        var campaign = campaign("naloxone-now");

        assertThat(number(campaign, "actions")).isEqualTo(4);
        assertThat(number(campaign, "actionsByKind.demonstration")).isEqualTo(2);
        assertThat(number(campaign, "actionsByKind.media")).isEqualTo(1);
        assertThat(number(campaign, "actionsByKind.policy-meeting")).isEqualTo(1);
        assertThat(number(campaign, "participants")).isEqualTo(40 + 2 + 25 + 3);
        assertThat(number(campaign, "audience")).isEqualTo(500 + 100_000 + 300 + 12);
        assertThat(number(campaign, "mediaHits")).isEqualTo(3 + 5 + 1);
    }

    @Test
    void listsCitiesAndPeersOnceEachInOrderOfArrival() {
        var campaign = campaign("naloxone-now");

        assertThat(campaign.getList("cities", String.class))
                .containsExactly("Amsterdam", "Rotterdam", "'s-Hertogenbosch");
        assertThat(campaign.getList("peers", String.class)).containsExactly("peer-A", "peer-B");
    }

    @Test
    void keepsEachOutcomeWholeAndCountsThemByLevel() {
        var campaign = campaign("naloxone-now");

        assertThat(number(campaign, "outcomesByLevel.local")).isEqualTo(1);
        assertThat(number(campaign, "outcomesByLevel.national")).isEqualTo(1);
        assertThat(campaign.getList("outcomes", Document.class))
                .containsExactly(
                        new Document("eventId", events.get(6).eventId().toString())
                                .append("level", "local")
                                .append("text", "The city funds naloxone in twelve pharmacies")
                                .append("occurredAt", date(day(4, 2))),
                        new Document("eventId", events.get(7).eventId().toString())
                                .append("level", "national")
                                .append("text", "Naloxone off prescription nationwide")
                                .append("occurredAt", date(day(5, 5))));
    }

    @Test
    void leavesTheEndAndTheCloseOutOfAnOpenEndedCampaign() {
        var openEnded = campaign("housing-first");

        assertThat(openEnded).doesNotContainKeys("closedAt");
        assertThat((Document) value(openEnded, "launch")).doesNotContainKey("endsOn");
        assertThat(value(openEnded, "launch.name")).isEqualTo("Housing first");
        assertThat(number(openEnded, "actions")).isEqualTo(1);
        assertThat(number(openEnded, "actionsByKind.petition")).isEqualTo(1);
        assertThat(openEnded.getList("cities", String.class)).containsExactly("Utrecht");
        assertThat(openEnded.getList("peers", String.class)).containsExactly("peer-C");
        assertThat(spring.documents(CAMPAIGNS)).hasSize(2);
    }

    @Test
    void endsInTheSameViewsWhateverOrderTheEventsArriveInAndHoweverTheyAreBatched() {
        // cities, peers and outcomes are listed in order of arrival
        InMemoryViews.assertEndsTheSameInAnyOrder(projector, events, spring.snapshot(), 3, true);
    }

    private Document campaign(String campaignId) {
        return spring.document(CAMPAIGNS, ViewKey.of(ORG, campaignId));
    }
}
