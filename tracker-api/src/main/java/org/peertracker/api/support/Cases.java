package org.peertracker.api.support;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Accumulators.sum;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Aggregates.project;
import static com.mongodb.client.model.Aggregates.unwind;
import static com.mongodb.client.model.Projections.include;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.Views;
import org.springframework.stereotype.Component;

/**
 * Reads {@code support_cases}. A case's status follows from what was seen of it: closed once a close is seen, open
 * once its opening is seen, {@code unopened} while only later events of it have arrived. Its client, needs and
 * opener come from its first opening ({@code opening}); its owner is the opener until a coordinator reassigns it
 * ({@code reassignment}).
 */
@Component
public class Cases {

    static final String CASES = "support_cases";

    private final Views views;

    Cases(Views views) {
        this.views = views;
    }

    /** A case as served. */
    public record Case(String caseId, String status, String ownerPeerId, String clientRef, List<String> needs,
            String referredBy, Instant openedAt, Instant closedAt, String outcome, long contacts, long minutes,
            Instant lastContactAt, long referralsPending, List<Referral> referrals, Map<String, Number> modes) {
    }

    public record Referral(String referralId, String service, String status, Instant madeAt, Instant closedAt) {
    }

    public Case find(String orgId, String caseId) {
        var doc = views.collection(CASES).find(eq("_id", orgId + "|" + caseId)).first();
        return doc == null ? null : toCase(doc);
    }

    /** What the intake needs to know of a case before it lets a peer log about it. */
    public record Standing(String openingEventId, String ownerPeerId) {

        public boolean opened() {
            return openingEventId != null;
        }
    }

    /** The standing of the cases of {@code caseIds} that exist in the view, by caseId, in one query. */
    public Map<String, Standing> standings(String orgId, Collection<String> caseIds) {
        var found = new HashMap<String, Standing>();
        if (caseIds.isEmpty()) {
            return found;
        }
        views.collection(CASES).find(in("_id", caseIds.stream().map(id -> orgId + "|" + id).toList()))
                .projection(include("caseId", "opening.eventId", "opening.peerId", "reassignment.peerId"))
                .forEach(doc -> found.put(doc.getString("caseId"), new Standing(
                        doc.getEmbedded(List.of("opening", "eventId"), String.class), owner(doc))));
        return found;
    }

    public static Bson filter(String orgId, String status, String peerId) {
        var filters = new ArrayList<Bson>(List.of(eq("orgId", orgId)));
        if ("open".equals(status)) {
            filters.add(exists("opening"));
            filters.add(exists("closedAt", false));
        } else if ("closed".equals(status)) {
            filters.add(exists("closedAt"));
        }
        if (peerId != null) {
            filters.add(or(eq("reassignment.peerId", peerId),
                    and(exists("reassignment", false), eq("opening.peerId", peerId))));
        }
        return and(filters);
    }

    /** The owner of a case document: whom a coordinator last assigned it to, else who opened it. */
    private static String owner(Document doc) {
        var reassigned = doc.getEmbedded(List.of("reassignment", "peerId"), String.class);
        return reassigned != null ? reassigned : doc.getEmbedded(List.of("opening", "peerId"), String.class);
    }

    /** Open cases per owner, counted by MongoDB: the API never holds every case of an organisation. */
    public Map<String, Long> openCasesByOwner(String orgId) {
        var counts = new TreeMap<String, Long>();
        views.collection(CASES).aggregate(List.of(
                        match(filter(orgId, "open", null)),
                        group(new Document("$ifNull", List.of("$reassignment.peerId", "$opening.peerId")), sum("cases", 1))))
                .forEach(doc -> {
                    if (doc.get("_id") instanceof String owner) {
                        counts.put(owner, Views.number(doc, "cases"));
                    }
                });
        return counts;
    }

    /** Referrals by service and, within each, by status ({@code pending} until closed), counted by MongoDB. */
    public Map<String, Map<String, Long>> referralsByService(String orgId) {
        var table = new TreeMap<String, Map<String, Long>>();
        views.collection(CASES).aggregate(List.of(
                        match(and(eq("orgId", orgId), exists("referrals"))),
                        project(new Document("referral", new Document("$objectToArray", "$referrals"))),
                        unwind("$referral"),
                        group(new Document("service", new Document("$ifNull", List.of("$referral.v.made.service", "unknown")))
                                .append("status", new Document("$ifNull", List.of("$referral.v.closing.outcome", "pending"))),
                                sum("referrals", 1))))
                .forEach(doc -> {
                    var key = doc.get("_id", Document.class);
                    table.computeIfAbsent(key.getString("service"), s -> new TreeMap<>())
                            .put(key.getString("status"), Views.number(doc, "referrals"));
                });
        return table;
    }

    public long count(Bson filter) {
        return views.collection(CASES).countDocuments(filter);
    }

    public List<Case> list(Bson filter, int skip, int limit) {
        var cases = new ArrayList<Case>();
        views.collection(CASES).find(filter).sort(Paging.latestFirst("lastActivityAt")).skip(skip).limit(limit)
                .forEach(doc -> cases.add(toCase(doc)));
        return cases;
    }

    static Case toCase(Document doc) {
        var opening = doc.get("opening", Document.class);
        var referrals = new ArrayList<Referral>();
        if (doc.get("referrals") instanceof Document all) {
            all.forEach((id, value) -> {
                var r = (Document) value;
                var outcome = r.getEmbedded(List.of("closing", "outcome"), String.class);
                referrals.add(new Referral(id, r.getEmbedded(List.of("made", "service"), String.class),
                        outcome == null ? "pending" : outcome,
                        instant(r, "madeAt"), instant(r, "closedAt")));
            });
        }
        referrals.sort(Comparator.comparing(Referral::referralId));
        var closedAt = instant(doc, "closedAt");
        var status = closedAt != null ? "closed" : opening != null ? "open" : "unopened";
        var opened = opening != null ? opening : new Document();
        return new Case(doc.getString("caseId"), status, owner(doc), opened.getString("clientRef"),
                opened.getList("needs", String.class, List.of()), opened.getString("referredBy"),
                instant(opened, "openedAt"), closedAt, doc.getEmbedded(List.of("closing", "outcome"), String.class), Views.number(doc, "contacts"), Views.number(doc, "minutes"),
                instant(doc, "lastContactAt"), Views.number(doc, "referralsPending"), referrals,
                Views.counts(doc, "modes"));
    }

    private static Instant instant(Document doc, String field) {
        return doc.get(field) instanceof Date date ? date.toInstant() : null;
    }
}
