package org.peertracker.api.support;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.regex;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.Views;
import org.springframework.stereotype.Component;

/**
 * Reads {@code support_cases}. A case's status follows from its times: closed once a close is seen, open once an
 * opening is seen, {@code unopened} while only later events of it have arrived. Its owner is the latest assignment
 * (stored as "time|peer").
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

    public static Bson filter(String orgId, String status, String peerId) {
        var filters = new ArrayList<Bson>(List.of(eq("orgId", orgId)));
        if ("open".equals(status)) {
            filters.add(exists("openedAt"));
            filters.add(exists("closedAt", false));
        } else if ("closed".equals(status)) {
            filters.add(exists("closedAt"));
        }
        if (peerId != null) {
            filters.add(regex("owner", "\\|" + Pattern.quote(peerId) + "$"));
        }
        return and(filters);
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

    /** Every case of the organisation, for figures over all of them (open cases per owner, referrals). */
    public void forEach(Bson filter, java.util.function.Consumer<Case> action) {
        views.collection(CASES).find(filter).forEach(doc -> action.accept(toCase(doc)));
    }

    static Case toCase(Document doc) {
        var owner = doc.getString("owner");
        var referrals = new ArrayList<Referral>();
        if (doc.get("referrals") instanceof Document all) {
            all.forEach((id, value) -> {
                var r = (Document) value;
                var outcome = r.getString("outcome");
                referrals.add(new Referral(id, r.getString("service"), outcome == null ? "pending" : outcome,
                        instant(r, "madeAt"), instant(r, "closedAt")));
            });
        }
        referrals.sort(Comparator.comparing(Referral::referralId));
        var closedAt = instant(doc, "closedAt");
        var openedAt = instant(doc, "openedAt");
        var status = closedAt != null ? "closed" : openedAt != null ? "open" : "unopened";
        return new Case(doc.getString("caseId"), status, owner == null ? null : owner.substring(owner.indexOf('|') + 1),
                doc.getString("clientRef"), doc.getList("needs", String.class, List.of()), doc.getString("referredBy"),
                openedAt, closedAt, doc.getString("outcome"), Views.number(doc, "contacts"), Views.number(doc, "minutes"),
                instant(doc, "lastContactAt"), Views.number(doc, "referralsPending"), referrals,
                Views.counts(doc, "modes"));
    }

    private static Instant instant(Document doc, String field) {
        return doc.get(field) instanceof Date date ? date.toInstant() : null;
    }

    /** Referrals by service and, within each, by status. */
    public static Map<String, Map<String, Long>> referralsByService(List<Case> cases) {
        var table = new LinkedHashMap<String, Map<String, Long>>();
        cases.forEach(c -> c.referrals().forEach(r -> table
                .computeIfAbsent(r.service() == null ? "unknown" : r.service(), s -> new LinkedHashMap<>())
                .merge(r.status(), 1L, Long::sum)));
        return table;
    }
}
