package org.peertracker.worker.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CampaignClosed;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.Event;
import org.peertracker.events.OutcomeRecorded;
import org.peertracker.events.Topics;
import org.peertracker.worker.ProjectionITSupport;

class CampaignProjectionIT extends ProjectionITSupport {

    static final String FAMILY = "campaign";
    static final String CAMPAIGNS = CampaignProjector.CAMPAIGNS;

    @Test
    void sumsActionsByKindCitiesAndOutcomesOfACampaignFromLaunchToClose() {
        var org = newOrg();
        var events = naloxoneCampaign(org);
        publish(events);
        awaitCaughtUp(FAMILY);

        var campaign = document(CAMPAIGNS, org, "naloxone-now");
        assertThat(campaign.getString("campaignId")).isEqualTo("naloxone-now");
        assertThat(campaign.getString("orgId")).isEqualTo(org);
        assertThat(campaign.getString("name")).isEqualTo("Naloxone in every pharmacy");
        assertThat(campaign.getString("goal")).isEqualTo("Pharmacies hand out naloxone without prescription");
        assertThat(campaign.getString("startsOn")).isEqualTo("2026-03-01");
        assertThat(campaign.getString("endsOn")).isEqualTo("2026-06-30");
        assertThat(campaign.get("launchedAt")).isEqualTo(date(day(3, 1)));
        assertThat(campaign.get("closedAt")).isEqualTo(date(day(5, 30)));
        assertThat(campaign.get("lastActivityAt")).isEqualTo(date(day(5, 30)));
        // the first demonstration was recorded before the launch reached the topic, and still counts
        assertThat(number(campaign, "actions")).isEqualTo(4);
        assertThat(number(campaign, "actionsByKind.demonstration")).isEqualTo(2);
        assertThat(number(campaign, "actionsByKind.media")).isEqualTo(1);
        assertThat(number(campaign, "actionsByKind.policy-meeting")).isEqualTo(1);
        assertThat(number(campaign, "participants")).isEqualTo(40 + 2 + 25 + 3);
        assertThat(number(campaign, "audience")).isEqualTo(500 + 100_000 + 300 + 12);
        assertThat(number(campaign, "mediaHits")).isEqualTo(3 + 5 + 1);
        assertThat(campaign.getList("cities", String.class)).containsExactly("Amsterdam", "Rotterdam", "'s-Hertogenbosch");
        assertThat(campaign.getList("peers", String.class)).containsExactlyInAnyOrder("peer-A", "peer-B");
        assertThat(number(campaign, "outcomesByLevel.local")).isEqualTo(1);
        assertThat(number(campaign, "outcomesByLevel.national")).isEqualTo(1);
        assertThat(campaign.getList("outcomes", Document.class)).containsExactly(
                new Document("eventId", events.get(6).eventId().toString()).append("level", "local")
                        .append("text", "The city funds naloxone in twelve pharmacies").append("occurredAt", date(day(4, 2))),
                new Document("eventId", events.get(7).eventId().toString()).append("level", "national")
                        .append("text", "Naloxone off prescription nationwide").append("occurredAt", date(day(5, 5))));

        var openEnded = document(CAMPAIGNS, org, "housing-first");
        assertThat(openEnded).doesNotContainKeys("endsOn", "closedAt");
        assertThat(number(openEnded, "actions")).isEqualTo(1);
        assertThat(number(openEnded, "actionsByKind.petition")).isEqualTo(1);
        assertThat(openEnded.getList("cities", String.class)).containsExactly("Utrecht");
        assertThat(documents(physical(CAMPAIGNS), org)).hasSize(2);
    }

    @Test
    void leavesCampaignsUnchangedWhenAnEventIsSentAgainOrTheTopicIsReplayedFromOffsetZero() {
        var org = newOrg();
        var events = naloxoneCampaign(org);
        publish(events);
        awaitCaughtUp(FAMILY);
        var before = snapshot(FAMILY, org);

        publish(events.get(2), events.get(6), events.get(2));
        awaitCaughtUp(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);

        replayFromOffsetZero(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);
    }

    @Test
    void deadLettersAnEventOfAnUnsupportedVersionAndAppliesTheGoodOneBehindIt() {
        var org = newOrg();
        var future = new Document("eventId", UUID.randomUUID().toString()).append("type", "campaign.closed")
                .append("version", 7).append("orgId", org).append("peerId", "peer-A")
                .append("occurredAt", day(6, 1).toString()).append("payload", new Document("campaignId", "drug-checking"))
                .toJson().getBytes(StandardCharsets.UTF_8);
        var poison = publishRaw(Topics.CAMPAIGN, "drug-checking", future);
        publish(event(org, "peer-A", day(6, 2), new ActionRecorded("drug-checking", "act-1", "workshop", "Nijmegen", 12,
                30, 0)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(number(document(CAMPAIGNS, org, "drug-checking"),
                "actionsByKind.workshop")).isEqualTo(1));
        assertDeadLetterOf(awaitDeadLetter(Topics.CAMPAIGN, "drug-checking", FAMILY), poison, future,
                "unsupported version 7 of campaign.closed");
        assertThat(document(CAMPAIGNS, org, "drug-checking")).doesNotContainKey("closedAt");
    }

    @Test
    void rebuildsCampaignsEqualToTheLiveOnesAndKeepsProjectingIntoTheNewGeneration() {
        var org = newOrg();
        publish(naloxoneCampaign(org));

        int generation = rebuildEqualsLive(FAMILY, org);

        publish(event(org, "peer-C", day(6, 3), new ActionRecorded("housing-first", "act-9", "media", "Utrecht", 1, 800, 2)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(number(database.getCollection(CAMPAIGNS + "__g" + generation)
                .find(Filters.eq("_id", org + "|housing-first")).first(), "mediaHits")).isEqualTo(1 + 2));
    }

    /**
     * A campaign for naloxone in pharmacies: a demonstration recorded before its launch reaches the topic, three
     * more actions in three cities, a local and a national outcome, the close; and an open-ended second campaign.
     */
    private static List<Event> naloxoneCampaign(String org) {
        return List.of(
                event(org, "peer-A", day(3, 7), new ActionRecorded("naloxone-now", "act-1", "demonstration", "Amsterdam",
                        40, 500, 3)),
                event(org, "peer-A", day(3, 1), new CampaignLaunched("naloxone-now", "Naloxone in every pharmacy",
                        "Pharmacies hand out naloxone without prescription", LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 6, 30))),
                event(org, "peer-B", day(3, 10), new ActionRecorded("naloxone-now", "act-2", "media", "Rotterdam", 2,
                        100_000, 5)),
                event(org, "peer-A", day(3, 14), new ActionRecorded("naloxone-now", "act-3", "demonstration",
                        "'s-Hertogenbosch", 25, 300, 1)),
                event(org, "peer-B", day(3, 20), new ActionRecorded("naloxone-now", "act-4", "policy-meeting", "Amsterdam",
                        3, 12, 0)),
                event(org, "peer-C", day(4, 1), new CampaignLaunched("housing-first", "Housing first", "Homes before rules",
                        LocalDate.of(2026, 4, 1), null)),
                event(org, "peer-B", day(4, 2), new OutcomeRecorded("naloxone-now", "local",
                        "The city funds naloxone in twelve pharmacies")),
                event(org, "peer-A", day(5, 5), new OutcomeRecorded("naloxone-now", "national",
                        "Naloxone off prescription nationwide")),
                event(org, "peer-C", day(4, 8), new ActionRecorded("housing-first", "act-1", "petition", "Utrecht", 6,
                        2_400, 1)),
                event(org, "peer-A", day(5, 30), new CampaignClosed("naloxone-now")));
    }

    private static Instant day(int month, int day) {
        return Instant.parse("2026-%02d-%02dT11:00:00Z".formatted(month, day));
    }
}
