package org.peertracker.api.support;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.peertracker.api.privacy.ClientPseudonyms;
import org.peertracker.events.ContactRecorded;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import org.peertracker.views.SupportCases;
import org.peertracker.views.SupportCases.Opening;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Finding a client's cases by its code: hashed as at intake and compared with the cases' references, a peer's answer
 * holds its own cases and says whether another peer's exists, and the code is in no URL, no answer and no log line
 * (the web layer logs at DEBUG here, so that a request body printed anywhere would show).
 */
@TestPropertySource(properties = "logging.level.org.springframework.web=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class CaseLookupIT extends ApiITSupport {

    static final String CODE = "ZQXW1985K";
    static final String OTHER_CODE = "BRTL2001M";

    @Autowired
    ClientPseudonyms pseudonyms;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "case_lookup_it");
    }

    @Test
    void findsTheCasesOfAClientForACoordinatorAndAPeersOwnWithWhetherAnotherExists(CapturedOutput output) {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        caseOf(org, "c-1", "peer-1", CODE, "2026-11-20T10:00:00Z");
        caseOf(org, "c-2", "peer-2", CODE, "2026-11-21T10:00:00Z");
        caseOf(org, "c-3", "peer-1", OTHER_CODE, "2026-11-22T10:00:00Z");
        caseOf("another-" + org, "c-9", "peer-1", CODE, "2026-11-22T10:00:00Z");

        var coordinator = lookup(TestTokens.shared().coordinator(org), org, CODE.toLowerCase(Locale.ROOT));
        assertThat(caseIds(coordinator)).containsExactly("c-2", "c-1");
        assertThat(coordinator.path("otherCases").asBoolean()).isFalse();

        var peer = lookup(TestTokens.shared().peer(org, "peer-1"), org, " " + CODE + " ");
        assertThat(caseIds(peer)).containsExactly("c-1");
        assertThat(peer.path("otherCases").asBoolean()).isTrue();

        var ownOnly = lookup(TestTokens.shared().peer(org, "peer-1"), org, OTHER_CODE);
        assertThat(caseIds(ownOnly)).containsExactly("c-3");
        assertThat(ownOnly.path("otherCases").asBoolean()).isFalse();

        var stranger = lookup(TestTokens.shared().peer(org, "peer-3"), org, CODE);
        assertThat(caseIds(stranger)).isEmpty();
        assertThat(stranger.path("otherCases").asBoolean()).isTrue();

        var unknown = lookup(TestTokens.shared().coordinator(org), org, "NOBODY42");
        assertThat(caseIds(unknown)).isEmpty();

        assertThat(output.getAll())
                .as("the log")
                .contains("support/cases/lookup")
                .doesNotContainIgnoringCase(CODE)
                .doesNotContainIgnoringCase(OTHER_CODE);
    }

    @Test
    void refusesACodeOfAnotherShapeNamingTheFieldWithoutEchoingItAndAnAnalyst() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var http = new Http(port).as(TestTokens.shared().coordinator(org));
        for (var body : List.of(
                "{\"clientCode\":\"AB\"}",
                "{\"clientCode\":\"ZQXW 1985K\"}",
                "{\"clientCode\":\"ZQXW1985K-\u00fc\"}",
                "{\"clientCode\":\"" + "Z".repeat(33) + "\"}",
                "{}",
                "{\"clientCode\":12345}",
                "{\"clientCode\":[\"ZQXW1985K\"]}",
                "")) {
            var answer = http.postJson(path(org), body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).doesNotContain("ZQXW", "1985", "ZZZZ");
        }
        assertThat(http.postJson(path(org), "{\"clientCode\":\"AB\"}")
                        .json()
                        .path("field")
                        .asString())
                .isEqualTo("clientCode");
        var analyst = new Http(port)
                .as(TestTokens.shared().analyst(org))
                .postJson(path(org), "{\"clientCode\":\"" + CODE + "\"}");
        assertThat(analyst.status()).isEqualTo(403);
        var otherOrg = new Http(port)
                .as(TestTokens.shared().coordinator("another-" + org))
                .postJson(path(org), "{\"clientCode\":\"" + CODE + "\"}");
        assertThat(otherOrg.status()).isEqualTo(403);
    }

    private JsonNode lookup(String token, String org, String code) {
        var answer = new Http(port).as(token).postJson(path(org), "{\"clientCode\":\"" + code + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContainIgnoringCase(code.strip());
        return answer.json();
    }

    private static String path(String org) {
        return "/api/v1/orgs/" + org + "/support/cases/lookup";
    }

    private static List<String> caseIds(JsonNode lookup) {
        return lookup.path("cases")
                .valueStream()
                .map(c -> c.path("caseId").asString())
                .toList();
    }

    /** A case as the worker writes it, opened by {@code peer} for the client of {@code code}. */
    private void caseOf(String org, String caseId, String peer, String code, String at) {
        var when = Date.from(Instant.parse(at));
        // the client's row made as the intake makes it, on its first event
        var contact = SampleEvents.event(org, peer, Instant.parse(at), SampleEvents.knownContact("s-1", "oost", code));
        var ref = ((ContactRecorded) pseudonyms
                        .pseudonymise(org, List.of(contact))
                        .getFirst()
                        .payload())
                .clientRef();
        var opened = OpenedCases.opened(org, caseId, peer, at, when);
        opened.get(SupportCases.OPENING, Document.class)
                .append(Opening.CLIENT_REF, ref)
                .append(Opening.NEEDS, List.of("housing"));
        views.getCollection(SupportCases.COLLECTION).insertOne(opened.append(SupportCases.LAST_ACTIVITY_AT, when));
    }
}
