package org.peertracker.worker.campaign;

import static org.peertracker.worker.projection.PublishedEvents.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CampaignClosed;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.Event;
import org.peertracker.events.OutcomeRecorded;
import org.peertracker.worker.projection.FamilyScenario;

/** An organisation's campaigns of spring 2026, for the projector's tests and the shared scenarios. */
public final class NaloxoneCampaign {

    public static final FamilyScenario SCENARIO = new FamilyScenario(
            "campaign",
            NaloxoneCampaign::events,
            org -> event(
                    org,
                    "peer-C",
                    day(6, 3),
                    new ActionRecorded("housing-first", "act-9", "media", "Utrecht", 1, 800, 2)),
            org -> {
                var future = new Document("eventId", UUID.randomUUID().toString())
                        .append("type", "campaign.closed")
                        .append("version", 7)
                        .append("orgId", org)
                        .append("peerId", "peer-A")
                        .append("occurredAt", day(6, 1).toString())
                        .append("payload", new Document("campaignId", "drug-checking"))
                        .toJson()
                        .getBytes(StandardCharsets.UTF_8);
                return new FamilyScenario.Poison(
                        future,
                        "unsupported version 7 of campaign.closed",
                        event(
                                org,
                                "peer-A",
                                day(6, 2),
                                new ActionRecorded("drug-checking", "act-1", "workshop", "Nijmegen", 12, 30, 0)));
            });

    private NaloxoneCampaign() {}

    /**
     * A campaign for naloxone in pharmacies: a demonstration recorded before its launch reaches the topic, three
     * more actions in three cities, a local and a national outcome, the close; and an open-ended second campaign.
     */
    static List<Event> events(String org) {
        return List.of(
                event(
                        org,
                        "peer-A",
                        day(3, 7),
                        new ActionRecorded("naloxone-now", "act-1", "demonstration", "Amsterdam", 40, 500, 3)),
                event(
                        org,
                        "peer-A",
                        day(3, 1),
                        new CampaignLaunched(
                                "naloxone-now",
                                "Naloxone in every pharmacy",
                                "Pharmacies hand out naloxone without prescription",
                                LocalDate.of(2026, 3, 1),
                                LocalDate.of(2026, 6, 30))),
                event(
                        org,
                        "peer-B",
                        day(3, 10),
                        new ActionRecorded("naloxone-now", "act-2", "media", "Rotterdam", 2, 100_000, 5)),
                event(
                        org,
                        "peer-A",
                        day(3, 14),
                        new ActionRecorded("naloxone-now", "act-3", "demonstration", "'s-Hertogenbosch", 25, 300, 1)),
                event(
                        org,
                        "peer-B",
                        day(3, 20),
                        new ActionRecorded("naloxone-now", "act-4", "policy-meeting", "Amsterdam", 3, 12, 0)),
                event(
                        org,
                        "peer-C",
                        day(4, 1),
                        new CampaignLaunched(
                                "housing-first",
                                "Housing first",
                                "Homes before rules",
                                LocalDate.of(2026, 4, 1),
                                null)),
                event(
                        org,
                        "peer-B",
                        day(4, 2),
                        new OutcomeRecorded("naloxone-now", "local", "The city funds naloxone in twelve pharmacies")),
                event(
                        org,
                        "peer-A",
                        day(5, 5),
                        new OutcomeRecorded("naloxone-now", "national", "Naloxone off prescription nationwide")),
                event(
                        org,
                        "peer-C",
                        day(4, 8),
                        new ActionRecorded("housing-first", "act-1", "petition", "Utrecht", 6, 2_400, 1)),
                event(org, "peer-A", day(5, 30), new CampaignClosed("naloxone-now")));
    }

    static Instant day(int month, int day) {
        return Instant.parse("2026-%02d-%02dT11:00:00Z".formatted(month, day));
    }
}
