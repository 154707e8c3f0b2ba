package org.peertracker.worker.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.ContactRecorded;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.views.ActivityLog;
import org.peertracker.views.ClientsReached;
import org.peertracker.views.ErasedClientRefs;
import org.peertracker.views.SupportCases;
import org.peertracker.worker.mongo.ErasedClients;

/**
 * An erased client's reference leaves every generation of the views that hold one, with the case's needs; the counts,
 * other clients and other organisations stay as they were. And an event of an erased client is projected without it.
 */
class ClientScrubsIT {

    static final MongoDatabase database = TestInfrastructure.database("client_scrubs_it");

    @Test
    void scrubsTheReferenceAndNeedsFromEveryGenerationAndLeavesCountsOtherClientsAndOtherOrganisations() {
        for (var collection : List.of(SupportCases.COLLECTION, SupportCases.COLLECTION + "__g3")) {
            database.getCollection(collection)
                    .insertMany(List.of(
                            aCase("mainline", "c-1", "ref-erased"),
                            aCase("mainline", "c-2", "ref-kept"),
                            aCase("elsewhere", "c-1", "ref-erased")));
        }
        database.getCollection(ActivityLog.COLLECTION)
                .insertMany(List.of(
                        logged(
                                "mainline",
                                "e-1",
                                new Document(ActivityLog.CLIENT_REF, "ref-erased")
                                        .append(ActivityLog.NEEDS, List.of("housing"))),
                        logged(
                                "mainline",
                                "e-2",
                                new Document(
                                        ActivityLog.PAYLOAD, new Document(ActivityLog.CLIENT_REF, "ref-erased")))));

        database.getCollection(ClientsReached.COLLECTION)
                .insertMany(List.of(
                        reached("mainline", "2026-11", "ref-erased", "ref-kept"),
                        reached("mainline", "2026-12", "ref-erased"),
                        reached("elsewhere", "2026-11", "ref-erased")));

        long changed = new ClientScrubs(database).scrub("mainline", "ref-erased", "token-1");

        assertThat(changed).isEqualTo(6);
        var reached = database.getCollection(ClientsReached.COLLECTION);
        assertThat(reached.find(new Document("_id", "mainline|2026-11|oost"))
                        .first()
                        .get(ClientsReached.CLIENTS, Document.class))
                .containsOnlyKeys("token-1", "ref-kept");
        assertThat(reached.find(new Document("_id", "mainline|2026-12|oost"))
                        .first()
                        .get(ClientsReached.CLIENTS, Document.class))
                .containsOnlyKeys("token-1");
        assertThat(reached.find(new Document("_id", "elsewhere|2026-11|oost"))
                        .first()
                        .get(ClientsReached.CLIENTS, Document.class))
                .containsOnlyKeys("ref-erased");
        for (var collection : List.of(SupportCases.COLLECTION, SupportCases.COLLECTION + "__g3")) {
            var cases = database.getCollection(collection);
            var erased = cases.find(new Document("_id", "mainline|c-1")).first();
            assertThat(erased.get(SupportCases.OPENING, Document.class))
                    .doesNotContainKey(SupportCases.Opening.CLIENT_REF)
                    .containsEntry(SupportCases.Opening.NEEDS, List.of())
                    .containsEntry(SupportCases.Opening.PEER_ID, "p-1");
            assertThat(erased.get(SupportCases.CONTACTS)).isEqualTo(3);
            assertThat(cases.find(new Document("_id", "mainline|c-2")).first().toJson())
                    .contains("ref-kept");
            assertThat(cases.find(new Document("_id", "elsewhere|c-1")).first().toJson())
                    .contains("ref-erased");
        }
        assertThat(database.getCollection(ActivityLog.COLLECTION).find().map(Document::toJson))
                .allSatisfy(
                        json -> assertThat(json).doesNotContain("ref-erased").doesNotContain("housing"));
    }

    @Test
    void projectsAnEventOfAnErasedClientWithoutTheClientAndOthersAsThey() {
        database.getCollection(ErasedClientRefs.COLLECTION)
                .insertOne(new Document("_id", ErasedClientRefs.key("mainline", "ref-gone"))
                        .append(ErasedClientRefs.TOKEN, "token-2"));
        var erased = SampleEvents.event(
                "mainline", "p-1", Instant.now(), new CaseOpened("c-1", null, "ref-gone", List.of("housing"), "self"));
        var kept = SampleEvents.event(
                "mainline",
                "p-1",
                Instant.now(),
                new ContactRecorded("s-1", "oost", false, null, "ref-here", 1, true, null, List.of()));
        var otherOrg = SampleEvents.event(
                "elsewhere", "p-1", Instant.now(), new CaseOpened("c-1", null, "ref-gone", List.of("housing"), "self"));

        var found = new ErasedClients(database).among(List.of(erased, kept, otherOrg));

        assertThat(found).isEqualTo(Map.of(ErasedClientRefs.key("mainline", "ref-gone"), "token-2"));
        assertThat(ErasedClients.withoutErased(erased, found).payload())
                .isEqualTo(new CaseOpened("c-1", null, null, List.of(), "self"));
        assertThat(ErasedClients.withoutErased(kept, found)).isEqualTo(kept);
        assertThat(ErasedClients.withoutErased(otherOrg, found)).isEqualTo(otherOrg);
        // where distinct clients are counted, the erased one stays as its anonymous token
        assertThat(ErasedClients.withErasedAnonymised(erased, found).payload())
                .isEqualTo(new CaseOpened("c-1", null, "token-2", List.of(), "self"));
        assertThat(ErasedClients.withErasedAnonymised(kept, found)).isEqualTo(kept);
    }

    private static Document aCase(String org, String caseId, String ref) {
        return new Document("_id", SupportCases.key(org, caseId))
                .append(SupportCases.ORG_ID, org)
                .append(SupportCases.CASE_ID, caseId)
                .append(SupportCases.CONTACTS, 3)
                .append(
                        SupportCases.OPENING,
                        new Document(SupportCases.Opening.PEER_ID, "p-1")
                                .append(SupportCases.Opening.CLIENT_REF, ref)
                                .append(SupportCases.Opening.NEEDS, List.of("housing")));
    }

    private static Document reached(String org, String month, String... refs) {
        var clients = new Document();
        for (var ref : refs) {
            clients.append(ref, true);
        }
        return new Document("_id", ClientsReached.key(org, month, "oost"))
                .append(ClientsReached.ORG_ID, org)
                .append(ClientsReached.MONTH, month)
                .append(ClientsReached.AREA, "oost")
                .append(ClientsReached.CLIENTS, clients);
    }

    private static Document logged(String org, String eventId, Document payload) {
        return new Document("_id", ActivityLog.key(org, eventId))
                .append(ActivityLog.ORG_ID, org)
                .append(ActivityLog.EVENT_ID, eventId)
                .append(ActivityLog.PAYLOAD, payload);
    }
}
