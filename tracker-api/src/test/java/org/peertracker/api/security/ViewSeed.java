package org.peertracker.api.security;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * View documents of one organisation as the worker writes them, for tests of who may read and write what: peer
 * {@code p1} opened and owns case {@code c-own}, peer {@code p2} owns {@code c-other}, and {@code c-handed}, opened by
 * {@code p2}, a coordinator handed to {@code p1}; of {@code c-unopened} only a contact a coordinator logged has
 * arrived, not its opening; small counts (1 to 4) sit beside larger ones.
 */
public final class ViewSeed {

    public static final String DAY = "2026-11-20";
    public static final String MONTH = "2026-11";
    public static final Instant AT = Instant.parse("2026-11-20T14:00:00Z");

    private ViewSeed() {}

    /** Today in the views' zone: the dashboard's day. */
    static String today() {
        return LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString();
    }

    public static void seed(MongoDatabase views, String org) {
        var at = Date.from(AT);
        for (var day : Set.of(DAY, today())) {
            views.getCollection("outreach_daily")
                    .insertOne(new Document("_id", org + "|" + day + "|oost")
                            .append("orgId", org)
                            .append("day", day)
                            .append("area", "oost")
                            .append("sessions", 1)
                            .append("contacts", 3)
                            .append("newContacts", 1)
                            .append("peopleReached", 3)
                            .append("signals", 0)
                            .append(
                                    "materials",
                                    new Document("syringes", 40)
                                            .append("naloxoneKits", 2)
                                            .append("condoms", 7)));
            views.getCollection("outreach_daily")
                    .insertOne(new Document("_id", org + "|" + day + "|west")
                            .append("orgId", org)
                            .append("day", day)
                            .append("area", "west")
                            .append("sessions", 2)
                            .append("contacts", 20)
                            .append("newContacts", 6)
                            .append("peopleReached", 31)
                            .append("signals", 1)
                            .append(
                                    "materials",
                                    new Document("syringes", 200)
                                            .append("naloxoneKits", 9)
                                            .append("condoms", 30)));
        }
        caseDoc(views, org, "c-own", "e-c-own", "p1", null, at);
        caseDoc(views, org, "c-other", "e-c-other", "p2", null, at);
        caseDoc(views, org, "c-handed", "e-c-handed", "p2", "p1", at);
        views.getCollection("support_cases")
                .insertOne(new Document("_id", org + "|c-unopened")
                        .append("orgId", org)
                        .append("caseId", "c-unopened")
                        .append("lastActivityAt", at)
                        .append("contacts", 1));
        for (var peer : new String[] {"p1", "p2"}) {
            views.getCollection("support_caseload")
                    .insertOne(new Document("_id", org + "|" + peer + "|" + MONTH)
                            .append("orgId", org)
                            .append("peerId", peer)
                            .append("month", MONTH)
                            .append("contacts", peer.equals("p1") ? 2 : 12)
                            .append("minutes", 95)
                            .append("casesOpened", 1));
            views.getCollection("peers")
                    .insertOne(new Document("_id", org + "|" + peer)
                            .append("orgId", org)
                            .append("peerId", peer)
                            .append("joining", new Document("rank", AT + "|j-" + peer).append("setting", "integrated"))
                            .append("joinedAt", at)
                            .append("roles", new Document("peer-support", new Document("assignedAt", at))));
            views.getCollection("involvement_monthly")
                    .insertOne(new Document("_id", org + "|" + MONTH + "|" + peer)
                            .append("orgId", org)
                            .append("month", MONTH)
                            .append("peerId", peer)
                            .append("activities", 3)
                            .append("hours", peer.equals("p1") ? 2.0 : 30.0)
                            .append("hoursByRole", new Document("advocating", peer.equals("p1") ? 2.0 : 30.0))
                            .append(
                                    "hoursByLevel",
                                    new Document(
                                            peer.equals("p1") ? "leading" : "consulted",
                                            peer.equals("p1") ? 2.0 : 30.0))
                            .append("compensationCents", new Document("EUR", 2500)));
        }
        views.getCollection("outreach_sessions")
                .insertOne(new Document("_id", org + "|s1")
                        .append("orgId", org)
                        .append("sessionId", "s1")
                        .append(
                                "start",
                                new Document("rank", AT + "|s1")
                                        .append("area", "oost")
                                        .append("siteType", "street"))
                        .append("peers", List.of("p1"))
                        .append("lastActivityAt", at)
                        .append("contacts", 3));
        views.getCollection("outreach_sessions")
                .insertOne(new Document("_id", org + "|s2")
                        .append("orgId", org)
                        .append("sessionId", "s2")
                        .append("peers", List.of("p2"))
                        .append("lastActivityAt", at)
                        .append("contacts", 4));
        views.getCollection("outreach_signals")
                .insertOne(new Document("_id", org + "|sig-1")
                        .append("orgId", org)
                        .append("kind", "new-substance")
                        .append("text", "Blue pills sold as oxy")
                        .append("occurredAt", at));
        views.getCollection("campaigns")
                .insertOne(new Document("_id", org + "|k1")
                        .append("orgId", org)
                        .append("campaignId", "k1")
                        .append("launch", new Document("rank", AT + "|k1").append("name", "Naloxone everywhere"))
                        .append("actions", 5)
                        .append(
                                "actionsByKind",
                                new Document("demonstration", 1)
                                        .append("media", 4)
                                        .append("workshop", 0))
                        .append("participants", 3)
                        .append("audience", 20000)
                        .append("mediaHits", 12)
                        .append("outcomesByLevel", new Document("local", 2).append("national", 9))
                        .append(
                                "outcomes",
                                List.of(new Document("eventId", "ev-outcome-1")
                                        .append("level", "local")
                                        .append("text", "City council adopted the naloxone motion")
                                        .append("occurredAt", at)))
                        .append("peers", List.of("p1", "p2"))
                        .append("launchedAt", at)
                        .append("lastActivityAt", at));
        views.getCollection("activity_log")
                .insertOne(new Document("_id", org + "|e1")
                        .append("orgId", org)
                        .append("eventId", "e1")
                        .append("type", "case.opened")
                        .append("subject", "c-own")
                        .append("peerId", "p1")
                        .append("occurredAt", at));
        views.getCollection("activity_log")
                .insertOne(new Document("_id", org + "|e2")
                        .append("orgId", org)
                        .append("eventId", "e2")
                        .append("type", "case.opened")
                        .append("subject", "c-other")
                        .append("peerId", "p2")
                        .append("occurredAt", at));
    }

    /** A case as the worker writes it: opened by {@code opener} with the event {@code openingEventId}, maybe reassigned. */
    static void caseDoc(
            MongoDatabase views,
            String org,
            String caseId,
            String openingEventId,
            String opener,
            String reassignedTo,
            Date at) {
        var doc = new Document("_id", org + "|" + caseId)
                .append("orgId", org)
                .append("caseId", caseId)
                .append(
                        "opening",
                        new Document("rank", AT + "|" + openingEventId)
                                .append("eventId", openingEventId)
                                .append("peerId", opener)
                                .append("openedAt", at)
                                .append("clientRef", "ab".repeat(32))
                                .append("needs", List.of("housing")))
                .append("lastActivityAt", at)
                .append("contacts", 1)
                .append("referralsPending", 1)
                .append(
                        "referrals",
                        new Document(
                                "r1",
                                new Document("made", new Document("rank", AT + "|r1").append("service", "housing"))
                                        .append("madeAt", at)));
        if (reassignedTo != null) {
            doc.append(
                    "reassignment",
                    new Document("rank", AT + "|r-" + caseId)
                            .append("peerId", reassignedTo)
                            .append("at", at));
        }
        views.getCollection("support_cases").insertOne(doc);
    }
}
