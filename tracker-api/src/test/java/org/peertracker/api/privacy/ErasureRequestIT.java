package org.peertracker.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.events.ContactRecorded;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import org.peertracker.views.ActivityLog;
import org.peertracker.views.ErasedClientRefs;
import org.peertracker.views.ErasureAudit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The erasure request at the API: a client is erased (tombstone, rows destroyed, audited without the code), the code is
 * in no answer, no audit entry and no log line (the web layer logs request bodies at DEBUG here), and every malformed
 * request or caller without the right gets a problem naming the field and the rule.
 */
@TestPropertySource(properties = "logging.level.org.springframework.web=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class ErasureRequestIT extends ApiITSupport {

    static final String CODE = "QKWV2003T";

    @Autowired
    ClientPseudonyms pseudonyms;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "erasure_request_it");
    }

    @Test
    void erasesAClientWithATombstoneAndAnAuditEntryAndNeverShowsItsCode(CapturedOutput output) {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var contact = SampleEvents.event(org, "p-1", Instant.now(), SampleEvents.knownContact("s-1", "oost", CODE));
        var ref = ((ContactRecorded) pseudonyms
                        .pseudonymise(org, List.of(contact))
                        .getFirst()
                        .payload())
                .clientRef();
        var coordinator = new Http(port).as(TestTokens.shared().coordinator(org));

        var answer = coordinator.postJson(path(org), "{\"clientCode\":\"" + CODE.toLowerCase(Locale.ROOT) + "\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().path("kind").asString()).isEqualTo("client");
        assertThat(answer.body()).doesNotContainIgnoringCase(CODE).doesNotContain(ref);
        assertThat(pseudonyms.reference(org, CODE)).isEmpty();
        assertThat(views.getCollection(ErasedClientRefs.COLLECTION)
                        .countDocuments(new Document("_id", ErasedClientRefs.key(org, ref))))
                .isEqualTo(1);
        var audit = views.getCollection(ErasureAudit.COLLECTION)
                .find(new Document(ErasureAudit.ORG_ID, org))
                .first();
        assertThat(audit.get(ErasureAudit.BY, Document.class).getString(ErasureAudit.ROLE))
                .isEqualTo("coordinator");
        assertThat(audit.toJson()).doesNotContainIgnoringCase(CODE);
        var listed = coordinator.get(path(org));
        assertThat(listed.json().path("items").path(0).path("erasureId").asString())
                .isEqualTo(answer.json().path("erasureId").asString());
        assertThat(output.getAll()).contains("/erasures").doesNotContainIgnoringCase(CODE);
    }

    @Test
    void refusesMalformedRequestsNamingTheFieldAndCallersWithoutTheRight() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var coordinator = new Http(port).as(TestTokens.shared().coordinator(org));
        for (var body : List.of(
                "{}",
                "{\"clientCode\":\"AB\"}",
                "{\"clientCode\":12345}",
                "{\"clientCode\":[\"ZQXW1985K\"]}",
                "{\"clientCode\":\"ZQXW1985K\",\"eventId\":\"" + UUID.randomUUID() + "\"}",
                "{\"eventId\":\"not-a-uuid\"}",
                "{\"eventId\":7}",
                "")) {
            var answer = coordinator.postJson(path(org), body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).doesNotContain("ZQXW1985K");
        }
        assertThat(coordinator.postJson(path(org), "{}").json().path("rule").asString())
                .isEqualTo("one-of");
        assertThat(coordinator
                        .postJson(path(org), "{\"eventId\":\"" + UUID.randomUUID() + "\"}")
                        .status())
                .isEqualTo(404);
        var peer = new Http(port).as(TestTokens.shared().peer(org, "p-1"));
        var peerErasingAClient = peer.postJson(path(org), "{\"clientCode\":\"ZQXW1985K\"}");
        assertThat(peerErasingAClient.status()).isEqualTo(403);
        assertThat(peerErasingAClient.json().path("rule").asString()).isEqualTo("coordinator-only");
        assertThat(peer.postJson(path(org), "{\"eventId\":\"" + UUID.randomUUID() + "\"}")
                        .status())
                .isEqualTo(404);
        assertThat(peer.get(path(org)).status()).isEqualTo(403);
        assertThat(new Http(port)
                        .as(TestTokens.shared().analyst(org))
                        .postJson(path(org), "{\"clientCode\":\"ZQXW1985K\"}")
                        .status())
                .isEqualTo(403);
        assertThat(new Http(port)
                        .as(TestTokens.shared().coordinator("another-" + org))
                        .postJson(path(org), "{\"clientCode\":\"ZQXW1985K\"}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void letsAPeerEraseTheTextsOfItsOwnLoggedEventWithinTheCorrectionWindowOnly() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var recent = logged(org, "p-1", Instant.now().minus(Duration.ofDays(6)));
        var old = logged(org, "p-1", Instant.now().minus(Duration.ofDays(8)));
        var anothers = logged(org, "p-2", Instant.now());
        var peer = new Http(port).as(TestTokens.shared().peer(org, "p-1"));

        assertThat(peer.postJson(path(org), "{\"eventId\":\"" + old + "\"}")
                        .json()
                        .path("rule")
                        .asString())
                .isEqualTo("own-event-within-window");
        assertThat(peer.postJson(path(org), "{\"eventId\":\"" + anothers + "\"}")
                        .json()
                        .path("rule")
                        .asString())
                .isEqualTo("own-event-within-window");
        var own = peer.postJson(path(org), "{\"eventId\":\"" + recent + "\"}");
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().path("kind").asString()).isEqualTo("text");
        assertThat(new Http(port)
                        .as(TestTokens.shared().coordinator(org))
                        .postJson(path(org), "{\"eventId\":\"" + old + "\"}")
                        .status())
                .isEqualTo(201);
    }

    /** An event of {@code peer} as the activity log holds it, received at {@code at}; its id. */
    private UUID logged(String org, String peer, Instant at) {
        var eventId = UUID.randomUUID();
        views.getCollection(ActivityLog.COLLECTION)
                .insertOne(new Document("_id", ActivityLog.key(org, eventId.toString()))
                        .append(ActivityLog.ORG_ID, org)
                        .append(ActivityLog.EVENT_ID, eventId.toString())
                        .append(ActivityLog.TYPE, "outreach.signal-reported")
                        .append(ActivityLog.PEER_ID, peer)
                        .append(ActivityLog.RECEIVED_AT, Date.from(at)));
        return eventId;
    }

    private static String path(String org) {
        return "/api/v1/orgs/" + org + "/erasures";
    }
}
