package org.peertracker.worker.involvement;

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
import org.peertracker.events.Topics;
import org.peertracker.events.TrainingCompleted;
import org.peertracker.worker.mongo.DocumentUpdate;
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

    static final String PEERS = "peers";
    static final String MONTHLY = "involvement_monthly";

    private final ViewProperties views;

    InvolvementProjector(ViewProperties views) {
        this.views = views;
    }

    @Override
    public String name() {
        return "involvement";
    }

    @Override
    public List<String> topics() {
        return Topics.EVENT_TOPICS;
    }

    @Override
    public List<String> views() {
        return List.of(PEERS, MONTHLY);
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        var peer = peer(event, event.peerId());
        var month = monthly(event, event.peerId()).inc("activities", 1);
        var updates = new ArrayList<ViewUpdate>();
        if (event.payload() instanceof PeerPayload payload) {
            var subject = payload.peerId().equals(event.peerId()) ? peer : peer(event, payload.peerId());
            var subjectMonth = payload.peerId().equals(event.peerId()) ? month : monthly(event, payload.peerId());
            switch (payload) {
                case PeerJoined joined -> on(event, joined, subject);
                case RoleAssigned assigned -> subject.max("roles." + assigned.role() + ".assignedAt", event.occurredAt());
                case RoleEnded ended -> subject.max("roles." + ended.role() + ".endedAt", event.occurredAt());
                case InvolvementRecorded involvement -> on(involvement, subject, subjectMonth);
                case TrainingCompleted training -> on(training, subject, subjectMonth);
                case CompensationPaid paid -> on(paid, subject, subjectMonth);
                case PeerLeft left -> subject.max("leftAt", event.occurredAt());
            }
            if (subject != peer) {
                updates.add(new ViewUpdate(PEERS, ViewUpdate.key(event.orgId(), payload.peerId()), subject));
                updates.add(new ViewUpdate(MONTHLY, monthlyId(event, payload.peerId()), subjectMonth));
            }
        }
        updates.add(new ViewUpdate(PEERS, ViewUpdate.key(event.orgId(), event.peerId()), peer.max("lastActiveAt", event.occurredAt())));
        updates.add(new ViewUpdate(MONTHLY, monthlyId(event, event.peerId()), month));
        return updates;
    }

    private static void on(Event event, PeerJoined joined, DocumentUpdate peer) {
        peer.set("setting", joined.setting()).min("joinedAt", event.occurredAt());
        joined.roles().forEach(role -> peer.max("roles." + role + ".assignedAt", event.occurredAt()));
    }

    private static void on(InvolvementRecorded involvement, DocumentUpdate peer, DocumentUpdate month) {
        for (var figures : List.of(peer, month)) {
            figures.inc("involvements", 1)
                    .inc("hours", involvement.hours())
                    .inc("hoursByRole." + involvement.role(), involvement.hours())
                    .inc("hoursByLevel." + involvement.level(), involvement.hours());
        }
        month.addToSet("bodies", involvement.body());
    }

    private static void on(TrainingCompleted training, DocumentUpdate peer, DocumentUpdate month) {
        for (var figures : List.of(peer, month)) {
            figures.inc("trainings", 1).inc("trainingHours", training.hours()).inc("trainingsByTopic." + training.topic(), 1);
        }
    }

    /** Money in cents, so that sums stay exact. */
    private static void on(CompensationPaid paid, DocumentUpdate peer, DocumentUpdate month) {
        long cents = paid.amount().setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
        for (var figures : List.of(peer, month)) {
            figures.inc("compensationCents." + paid.currency(), cents)
                    .inc("compensationCentsByRole." + paid.forRole(), cents)
                    .inc("payments." + paid.method(), 1);
        }
    }

    private static DocumentUpdate peer(Event event, String peerId) {
        return new DocumentUpdate().set("orgId", event.orgId()).set("peerId", peerId);
    }

    private DocumentUpdate monthly(Event event, String peerId) {
        return new DocumentUpdate().set("orgId", event.orgId()).set("month", month(event)).set("peerId", peerId);
    }

    private String monthlyId(Event event, String peerId) {
        return ViewUpdate.key(event.orgId(), month(event), peerId);
    }

    private String month(Event event) {
        return YearMonth.from(event.occurredAt().atZone(views.zone())).toString();
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(
                PEERS, List.of(new IndexModel(Indexes.ascending("orgId", "peerId"))),
                MONTHLY, List.of(new IndexModel(Indexes.ascending("orgId", "month"))));
    }
}
