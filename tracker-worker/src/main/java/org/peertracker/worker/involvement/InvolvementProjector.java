package org.peertracker.worker.involvement;

import static org.peertracker.views.FieldPath.of;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peertracker.events.CompensationPaid;
import org.peertracker.events.Event;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.events.PeerJoined;
import org.peertracker.events.PeerLeft;
import org.peertracker.events.PeerPayload;
import org.peertracker.events.RoleAssigned;
import org.peertracker.events.RoleEnded;
import org.peertracker.events.TrainingCompleted;
import org.peertracker.views.Involvement;
import org.peertracker.views.InvolvementMonthly;
import org.peertracker.views.Peers;
import org.peertracker.views.ViewFamily;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.mongo.Ranked;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewProperties;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * Peer involvement: {@code peers} (one per peer: roles, setting, hours by role and level, trainings,
 * compensation, last activity) and {@code involvement_monthly} (one per org, month and peer). It reads every
 * topic, because any activity a peer logs makes the peer active that month; the peer topic adds the rest.
 * A role's assignment and end keep their latest times ({@code $max}), so their order of arrival does not matter.
 */
@Component
class InvolvementProjector implements Projector {

    static final String PEERS = Peers.COLLECTION;
    static final String MONTHLY = InvolvementMonthly.COLLECTION;

    private final ViewProperties views;

    InvolvementProjector(ViewProperties views) {
        this.views = views;
    }

    @Override
    public ViewFamily family() {
        return ViewFamily.INVOLVEMENT;
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        var peer = peer(event, event.peerId());
        var month = monthly(event, event.peerId()).inc(InvolvementMonthly.ACTIVITIES, 1);
        var updates = new ArrayList<ViewUpdate>();
        if (event.payload() instanceof PeerPayload payload) {
            var subject = payload.peerId().equals(event.peerId()) ? peer : peer(event, payload.peerId());
            var subjectMonth = payload.peerId().equals(event.peerId()) ? month : monthly(event, payload.peerId());
            switch (payload) {
                case PeerJoined joined -> on(event, joined, subject);
                case RoleAssigned assigned ->
                    subject.max(of(Peers.ROLES, assigned.role(), Peers.ASSIGNED_AT), event.occurredAt());
                case RoleEnded ended -> subject.max(of(Peers.ROLES, ended.role(), Peers.ENDED_AT), event.occurredAt());
                case InvolvementRecorded involvement -> on(involvement, subject, subjectMonth);
                case TrainingCompleted training -> on(training, subject, subjectMonth);
                case CompensationPaid paid -> on(paid, subject, subjectMonth);
                case PeerLeft left -> subject.max(Peers.LEFT_AT, event.occurredAt());
            }
            if (subject != peer) {
                updates.add(new ViewUpdate(PEERS, Peers.key(event.orgId(), payload.peerId()), subject));
                updates.add(new ViewUpdate(MONTHLY, monthlyId(event, payload.peerId()), subjectMonth));
            }
        }
        updates.add(new ViewUpdate(
                PEERS, Peers.key(event.orgId(), event.peerId()), peer.max(Peers.LAST_ACTIVE_AT, event.occurredAt())));
        updates.add(new ViewUpdate(MONTHLY, monthlyId(event, event.peerId()), month));
        return updates;
    }

    private static void on(Event event, PeerJoined joined, DocumentUpdate peer) {
        peer.min(Peers.JOINING, Ranked.by(event.occurredAt(), event.eventId(), Map.of(Peers.SETTING, joined.setting())))
                .min(Peers.JOINED_AT, event.occurredAt());
        joined.roles().forEach(role -> peer.max(of(Peers.ROLES, role, Peers.ASSIGNED_AT), event.occurredAt()));
    }

    private static void on(InvolvementRecorded involvement, DocumentUpdate peer, DocumentUpdate month) {
        for (var figures : List.of(peer, month)) {
            figures.inc(Involvement.INVOLVEMENTS, 1)
                    .inc(Involvement.HOURS, involvement.hours())
                    .inc(of(Involvement.HOURS_BY_ROLE, involvement.role()), involvement.hours())
                    .inc(of(Involvement.HOURS_BY_LEVEL, involvement.level()), involvement.hours());
        }
        month.addToSet(InvolvementMonthly.BODIES, involvement.body());
    }

    private static void on(TrainingCompleted training, DocumentUpdate peer, DocumentUpdate month) {
        for (var figures : List.of(peer, month)) {
            figures.inc(Involvement.TRAININGS, 1)
                    .inc(Involvement.TRAINING_HOURS, training.hours())
                    .inc(of(Involvement.TRAININGS_BY_TOPIC, training.topic()), 1);
        }
    }

    /** Money in cents, so that sums stay exact. */
    private static void on(CompensationPaid paid, DocumentUpdate peer, DocumentUpdate month) {
        long cents = paid.amount()
                .setScale(2, RoundingMode.HALF_UP)
                .movePointRight(2)
                .longValueExact();
        for (var figures : List.of(peer, month)) {
            figures.inc(of(Involvement.COMPENSATION_CENTS, paid.currency()), cents)
                    .inc(of(Involvement.COMPENSATION_CENTS_BY_ROLE, paid.forRole()), cents)
                    .inc(of(Involvement.PAYMENTS, paid.method()), 1);
        }
    }

    private static DocumentUpdate peer(Event event, String peerId) {
        return new DocumentUpdate().set(Peers.ORG_ID, event.orgId()).set(Peers.PEER_ID, peerId);
    }

    private DocumentUpdate monthly(Event event, String peerId) {
        return new DocumentUpdate()
                .set(InvolvementMonthly.ORG_ID, event.orgId())
                .set(InvolvementMonthly.MONTH, month(event))
                .set(InvolvementMonthly.PEER_ID, peerId);
    }

    private String monthlyId(Event event, String peerId) {
        return InvolvementMonthly.key(event.orgId(), month(event), peerId);
    }

    private String month(Event event) {
        return YearMonth.from(event.occurredAt().atZone(views.zone())).toString();
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(
                PEERS, List.of(new IndexModel(Indexes.ascending(Peers.ORG_ID, Peers.PEER_ID))),
                MONTHLY,
                        List.of(new IndexModel(
                                Indexes.ascending(InvolvementMonthly.ORG_ID, InvolvementMonthly.MONTH))));
    }
}
