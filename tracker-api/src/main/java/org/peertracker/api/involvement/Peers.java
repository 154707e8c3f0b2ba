package org.peertracker.api.involvement;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.ascending;
import static org.peertracker.views.Involvement.COMPENSATION_CENTS;
import static org.peertracker.views.Involvement.COMPENSATION_CENTS_BY_ROLE;
import static org.peertracker.views.Involvement.HOURS;
import static org.peertracker.views.Involvement.HOURS_BY_LEVEL;
import static org.peertracker.views.Involvement.HOURS_BY_ROLE;
import static org.peertracker.views.Involvement.INVOLVEMENTS;
import static org.peertracker.views.Involvement.PAYMENTS;
import static org.peertracker.views.Involvement.TRAININGS;
import static org.peertracker.views.Involvement.TRAININGS_BY_TOPIC;
import static org.peertracker.views.Involvement.TRAINING_HOURS;
import static org.peertracker.views.Peers.ASSIGNED_AT;
import static org.peertracker.views.Peers.COLLECTION;
import static org.peertracker.views.Peers.ENDED_AT;
import static org.peertracker.views.Peers.JOINED_AT;
import static org.peertracker.views.Peers.JOINING;
import static org.peertracker.views.Peers.LAST_ACTIVE_AT;
import static org.peertracker.views.Peers.LEFT_AT;
import static org.peertracker.views.Peers.ORG_ID;
import static org.peertracker.views.Peers.PEER_ID;
import static org.peertracker.views.Peers.ROLES;
import static org.peertracker.views.Peers.SETTING;
import static org.peertracker.views.Peers.key;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
import org.peertracker.api.system.Listing;
import org.peertracker.api.system.Views;
import org.springframework.stereotype.Component;

/**
 * Reads {@code peers}: each peer's record over all time. A peer's setting is that of its first joining
 * ({@code joining}); a peer seen only as the actor of other events has not joined yet ({@code unjoined}).
 */
@Component
public class Peers {

    private final Views views;

    Peers(Views views) {
        this.views = views;
    }

    /**
     * A peer as served: figures and times are absent until an event gives them; money in units, not cents.
     *
     * @param status      {@code active} once joined, {@code left} once a leaving is seen, else {@code unjoined}
     * @param activeRoles the roles assigned later than they ended, if they ended
     * @param payments    payments by method
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Peer(
            String orgId,
            String peerId,
            String setting,

            @Schema(allowableValues = {"active", "left", "unjoined"})
            String status,

            Instant joinedAt,
            Instant leftAt,
            Instant lastActiveAt,
            Map<String, PeerRole> roles,
            List<String> activeRoles,
            Long involvements,
            Double hours,
            Map<String, Double> hoursByRole,
            Map<String, Double> hoursByLevel,
            Long trainings,
            Double trainingHours,
            Map<String, Long> trainingsByTopic,
            Map<String, Double> compensation,
            Map<String, Double> compensationByRole,
            Map<String, Long> payments) {}

    /** When a role was last assigned and last ended. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PeerRole(Instant assignedAt, Instant endedAt) {

        boolean active() {
            return assignedAt != null && (endedAt == null || assignedAt.isAfter(endedAt));
        }
    }

    /** The organisation's peers in order of their ids. */
    public Listing<Peer> list(String orgId) {
        return views.listing(COLLECTION, eq(ORG_ID, orgId), ascending(PEER_ID), Peers::peer);
    }

    Optional<Peer> find(String orgId, String peerId) {
        return views.find(COLLECTION, key(orgId, peerId), Peers::peer);
    }

    /** The setting of each of the organisation's peers that has joined, by peerId. */
    Map<String, String> settings(String orgId) {
        var settings = new HashMap<String, String>();
        views.collection(COLLECTION).find(eq(ORG_ID, orgId)).forEach(doc -> {
            var setting = Views.nested(doc, JOINING).getString(SETTING);
            if (setting != null) {
                settings.put(doc.getString(PEER_ID), setting);
            }
        });
        return settings;
    }

    static Peer peer(Document doc) {
        Map<String, PeerRole> roles = null;
        var active = new ArrayList<String>();
        if (doc.get(ROLES) instanceof Document stored) {
            roles = new LinkedHashMap<>();
            for (var role : stored.entrySet()) {
                var times = role.getValue() instanceof Document d ? d : new Document();
                var kept = new PeerRole(Views.instant(times, ASSIGNED_AT), Views.instant(times, ENDED_AT));
                roles.put(role.getKey(), kept);
                if (kept.active()) {
                    active.add(role.getKey());
                }
            }
        }
        var status = doc.containsKey(LEFT_AT) ? "left" : doc.containsKey(JOINED_AT) ? "active" : "unjoined";
        return new Peer(
                doc.getString(ORG_ID),
                doc.getString(PEER_ID),
                Views.nested(doc, JOINING).getString(SETTING),
                status,
                Views.instant(doc, JOINED_AT),
                Views.instant(doc, LEFT_AT),
                Views.instant(doc, LAST_ACTIVE_AT),
                roles,
                active,
                Views.count(doc, INVOLVEMENTS),
                Views.amount(doc, HOURS),
                Views.amounts(doc, HOURS_BY_ROLE),
                Views.amounts(doc, HOURS_BY_LEVEL),
                Views.count(doc, TRAININGS),
                Views.amount(doc, TRAINING_HOURS),
                Views.wholeCounts(doc, TRAININGS_BY_TOPIC),
                units(doc, COMPENSATION_CENTS),
                units(doc, COMPENSATION_CENTS_BY_ROLE),
                Views.wholeCounts(doc, PAYMENTS));
    }

    /** Amounts kept in cents, in whole units with cents. */
    private static Map<String, Double> units(Document doc, String centsField) {
        var units = new TreeMap<String, Double>();
        Views.counts(doc, centsField).forEach((key, cents) -> units.put(key, cents.longValue() / 100.0));
        return units;
    }
}
