package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.peertracker.events.EventCodec;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;

/** The deployed services ask for tokens: the API per organisation and role, the worker's actuator a platform operator's. */
class SecuredStackIT {

    final StackUnderTest stack = StackUnderTest.get();
    final TestTokens tokens = TestTokens.shared();

    @Test
    void answersTheApiOnlyToATokenOfThePathsOrganisation() {
        var org = EndToEndIT.org();
        var dashboard = stack.api() + "/api/v1/orgs/" + org + "/dashboard";

        assertThat(Client.sendAs(null, get(dashboard)).status()).isEqualTo(401);
        assertThat(Client.sendAs(TestTokens.foreign().coordinator(org), get(dashboard))
                        .status())
                .isEqualTo(401);
        assertThat(Client.sendAs(tokens.coordinator("another-" + org), get(dashboard))
                        .status())
                .isEqualTo(403);
        assertThat(Client.sendAs(tokens.coordinator(org), get(dashboard)).status())
                .isEqualTo(200);
        assertThat(Client.sendAs(null, get(stack.api() + "/actuator/health")).status())
                .isEqualTo(200);
    }

    @Test
    void rejectsAPeersEventForAnotherPeer() {
        var org = EndToEndIT.org();
        var event = SampleEvents.event(
                org, "p2", Instant.now().minusSeconds(30), SampleEvents.anonymousContact("s1", "oost", 1, false, null));
        var post = HttpRequest.newBuilder(URI.create(stack.api() + "/api/v1/orgs/" + org + "/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventCodec.write(event)));

        var response = Client.sendAs(tokens.peer(org, "p1"), post);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json()
                        .path("results")
                        .get(0)
                        .path("errors")
                        .get(0)
                        .path("rule")
                        .asString())
                .isEqualTo("own-peer");
    }

    @Test
    void opensTheWorkersHealthToAnyoneAndItsRebuildsToPlatformOperatorsOnly() {
        var health = Client.sendAs(null, get(stack.worker() + "/actuator/health"));
        var rebuild = HttpRequest.newBuilder(URI.create(stack.worker() + "/actuator/rebuilds/outreach"))
                .POST(HttpRequest.BodyPublishers.noBody());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().has("components")).isFalse();
        assertThat(Client.sendAs(null, rebuild).status()).isEqualTo(401);
        assertThat(Client.sendAs(tokens.coordinator("mainline"), rebuild).status())
                .isEqualTo(403);
        assertThat(Client.sendAs(tokens.analyst("mainline"), get(stack.worker() + "/actuator/rebuilds"))
                        .status())
                .isEqualTo(403);
        // an organisation's admin, of this organisation or another, may not act for every tenant
        assertThat(Client.sendAs(tokens.admin("mainline"), rebuild).status()).isEqualTo(403);
        assertThat(Client.sendAs(tokens.admin("elsewhere"), get(stack.worker() + "/actuator/deadletters"))
                        .status())
                .isEqualTo(403);
        assertThat(Client.sendAs(tokens.operator(), get(stack.worker() + "/actuator/rebuilds"))
                        .status())
                .isEqualTo(200);
        assertThat(Client.sendAs(tokens.operator(), get(stack.worker() + "/actuator/health"))
                        .json()
                        .has("components"))
                .isTrue();
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }
}
