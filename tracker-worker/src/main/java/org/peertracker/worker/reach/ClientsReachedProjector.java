package org.peertracker.worker.reach;

import static org.peertracker.views.FieldPath.of;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.views.ClientsReached;
import org.peertracker.views.ViewFamily;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewProperties;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * {@code clients_reached}: per organisation, month and area, the set of clients reached: a contact's client in the
 * contact's area, a case's client, in the month the case was opened, under {@link ClientsReached#NO_AREA} (a case has
 * no area). A set commutes and ignores repeats, so a client met twice, or an event delivered twice, is one client.
 */
@Component
class ClientsReachedProjector implements Projector {

    static final String REACHED = ClientsReached.COLLECTION;

    private final ViewProperties views;

    ClientsReachedProjector(ViewProperties views) {
        this.views = views;
    }

    @Override
    public ViewFamily family() {
        return ViewFamily.REACH;
    }

    /** The view keeps client references, and counts an erased client as an anonymous one. */
    @Override
    public boolean keepsClientRefs() {
        return true;
    }

    @Override
    public boolean countsErasedClients() {
        return true;
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        return switch (event.payload()) {
            case ContactRecorded contact
            when contact.clientRef() != null -> reached(event, contact.area(), contact.clientRef());
            case CaseOpened opened
            when opened.clientRef() != null -> reached(event, ClientsReached.NO_AREA, opened.clientRef());
            default -> List.of();
        };
    }

    private List<ViewUpdate> reached(Event event, String area, String clientRef) {
        if (!ClientsReached.REFERENCE.matcher(clientRef).matches()) {
            // a reference is a field name here: one with a dot or a $ would write elsewhere, so it is dead-lettered
            throw new IllegalArgumentException("a clientRef that is not a reference (letters, digits, '-', '_')");
        }
        var month = YearMonth.from(event.occurredAt().atZone(views.zone())).toString();
        var update = new DocumentUpdate()
                .set(ClientsReached.ORG_ID, event.orgId())
                .set(ClientsReached.MONTH, month)
                .set(ClientsReached.AREA, area)
                .set(of(ClientsReached.CLIENTS, clientRef), true);
        return List.of(new ViewUpdate(REACHED, ClientsReached.key(event.orgId(), month, area), update));
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(
                REACHED,
                List.of(new IndexModel(
                        Indexes.ascending(ClientsReached.ORG_ID, ClientsReached.MONTH, ClientsReached.AREA))));
    }
}
