package org.peertracker.api.involvement;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.peertracker.views.Involvement.COMPENSATION_CENTS;
import static org.peertracker.views.Involvement.HOURS;
import static org.peertracker.views.Involvement.HOURS_BY_LEVEL;
import static org.peertracker.views.Involvement.HOURS_BY_ROLE;
import static org.peertracker.views.Involvement.TRAININGS;
import static org.peertracker.views.Involvement.TRAINING_HOURS;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.peertracker.api.system.Views;
import org.peertracker.views.InvolvementMonthly;
import org.springframework.stereotype.Component;

/**
 * The figures of meaningful involvement in a month, per setting (a peer's setting is taken from the peer's
 * record): hours by role and by level, active peers, compensation, trainings, and the share of hours at
 * co-deciding or leading level — the levels at which peers hold power rather than being consulted.
 */
@Component
public class Involvement {

    static final String[] SETTINGS = {"integrated", "autonomous"};

    private final Views views;
    private final Peers peers;

    Involvement(Views views, Peers peers) {
        this.views = views;
        this.peers = peers;
    }

    /**
     * One setting's month.
     *
     * @param activePeers          peers who logged anything that month
     * @param shareCoDecidingOrLeading share (0..1) of the involvement hours at co-deciding or leading level
     * @param compensation         amounts paid by currency, in whole units with cents
     */
    public record Figures(
            long activePeers,
            double hours,
            Map<String, Double> hoursByRole,
            Map<String, Double> hoursByLevel,
            double shareCoDecidingOrLeading,
            long trainings,
            double trainingHours,
            Map<String, Double> compensation) {}

    public record Month(String orgId, YearMonth month, Map<String, Figures> bySetting, Figures all) {}

    /**
     * One peer's month: the hours by role and level, trainings and compensation it logged that month (zeros when it
     * logged nothing).
     */
    public record PeerMonth(
            String orgId,
            String peerId,
            YearMonth month,
            double hours,
            Map<String, Double> hoursByRole,
            Map<String, Double> hoursByLevel,
            long trainings,
            double trainingHours,
            Map<String, Double> compensation) {}

    public PeerMonth ofPeer(String orgId, String peerId, YearMonth month) {
        var doc = views.collection(InvolvementMonthly.COLLECTION)
                .find(and(
                        eq(InvolvementMonthly.ORG_ID, orgId),
                        eq(InvolvementMonthly.MONTH, month.toString()),
                        eq(InvolvementMonthly.PEER_ID, peerId)))
                .first();
        return peerMonth(orgId, peerId, month, doc == null ? new Document() : doc);
    }

    static PeerMonth peerMonth(String orgId, String peerId, YearMonth month, Document doc) {
        var acc = new Accumulator();
        acc.add(doc);
        var figures = acc.figures();
        return new PeerMonth(
                orgId,
                peerId,
                month,
                figures.hours(),
                figures.hoursByRole(),
                figures.hoursByLevel(),
                figures.trainings(),
                figures.trainingHours(),
                figures.compensation());
    }

    public Month of(String orgId, YearMonth month) {
        // a peer seen only as the actor of other events has no setting yet: counted as "unknown"
        var settings = peers.settings(orgId);
        var bySetting = new LinkedHashMap<String, Accumulator>();
        for (var setting : SETTINGS) {
            bySetting.put(setting, new Accumulator());
        }
        var all = new Accumulator();
        views.collection(InvolvementMonthly.COLLECTION)
                .find(and(eq(InvolvementMonthly.ORG_ID, orgId), eq(InvolvementMonthly.MONTH, month.toString())))
                .forEach(doc -> {
                    all.add(doc);
                    var setting = settings.getOrDefault(doc.getString(InvolvementMonthly.PEER_ID), "unknown");
                    bySetting.computeIfAbsent(setting, s -> new Accumulator()).add(doc);
                });
        var figures = new LinkedHashMap<String, Figures>();
        bySetting.forEach((setting, acc) -> figures.put(setting, acc.figures()));
        return new Month(orgId, month, figures, all.figures());
    }

    private static final class Accumulator {
        long activePeers;
        double hours;
        final Map<String, Double> byRole = new TreeMap<>();
        final Map<String, Double> byLevel = new TreeMap<>();
        long trainings;
        double trainingHours;
        final Map<String, Long> cents = new TreeMap<>();

        void add(Document doc) {
            if (Views.number(doc, InvolvementMonthly.ACTIVITIES) > 0) {
                activePeers++;
            }
            hours += Views.decimal(doc, HOURS);
            Views.counts(doc, HOURS_BY_ROLE).forEach((k, v) -> byRole.merge(k, v.doubleValue(), Double::sum));
            Views.counts(doc, HOURS_BY_LEVEL).forEach((k, v) -> byLevel.merge(k, v.doubleValue(), Double::sum));
            trainings += Views.number(doc, TRAININGS);
            trainingHours += Views.decimal(doc, TRAINING_HOURS);
            Views.counts(doc, COMPENSATION_CENTS).forEach((k, v) -> cents.merge(k, v.longValue(), Long::sum));
        }

        Figures figures() {
            double powerful = byLevel.getOrDefault("co-deciding", 0.0) + byLevel.getOrDefault("leading", 0.0);
            var compensation = new TreeMap<String, Double>();
            cents.forEach((currency, c) -> compensation.put(currency, c / 100.0));
            return new Figures(
                    activePeers,
                    hours,
                    byRole,
                    byLevel,
                    hours == 0 ? 0 : Math.round(powerful / hours * 1000) / 1000.0,
                    trainings,
                    trainingHours,
                    compensation);
        }
    }
}
