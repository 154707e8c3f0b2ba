package org.peertracker.api.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.api.InlineCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The field app's files and sign-in settings: public, no data and no secret; its data only with a token. */
class FieldPageIT extends ApiITSupport {

    static final String[] MODULES = {
        "app.js", "forms.js", "i18n.js", "outbox.js", "pkce.js", "schema.js", "signin.js", "sync.js", "sw.js"
    };

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "field_it");
    }

    @Test
    void servesTheAppAndItsFilesWithoutAToken() {
        var http = new Http(port);

        var page = http.get("/field/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/field/app.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(FieldSignInPolicy.WITHOUT_ISSUER);
        assertThat(http.get("/field").status()).as("to /field/").isEqualTo(302);
        for (var module : MODULES) {
            var script = http.get("/field/" + module);
            assertThat(script.status()).as(module).isEqualTo(200);
            assertThat(script.contentType()).as(module).startsWith("text/javascript");
        }
        // the catalogue's reader, shared with the dashboard
        assertThat(http.get("/i18n/messages.js").contentType()).startsWith("text/javascript");
        assertThat(http.get("/field/field.css").contentType()).startsWith("text/css");
        assertThat(http.get("/field/manifest.json").json().path("start_url").asString())
                .isEqualTo("/field/");
        assertThat(http.get("/field/icons/icon-512.png").contentType()).isEqualTo("image/png");
        for (var language : new String[] {"en", "nl"}) {
            assertThat(http.get("/i18n/" + language + "/messages.json").status())
                    .isEqualTo(200);
            assertThat(http.get("/i18n/" + language + "/rules.json").status()).isEqualTo(200);
        }
    }

    @Test
    void holdsNoInlineScriptStyleOrHandler() {
        var html = new Http(port).get("/field/").body();

        InlineCode.assertNoneIn(html);
        assertThat(html).doesNotContain("https://");
    }

    @Test
    void givesTheSignInSettingsWithoutATokenAndWithoutASecret() {
        var config = new Http(port).get("/field/config.json");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("issuer").isNull())
                .as("no issuer on the local stack")
                .isTrue();
        assertThat(config.json().path("scope").asString()).isEqualTo("openid");
        assertThat(config.json().path("claims").path("peerId").asString()).isEqualTo("peer_id");
        assertThat(config.json().path("zone").asString()).isEqualTo("Europe/Amsterdam");
        assertThat(config.json().propertyNames())
                .containsExactlyInAnyOrder("issuer", "clientId", "scope", "claims", "zone");
    }

    @Test
    void keepsTheDataBehindAToken() {
        var http = new Http(port);

        assertThat(http.get("/api/v1/orgs/mainline/support/cases").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/orgs/mainline/events/" + UUID.randomUUID()).status())
                .isEqualTo(401);
    }

    /** The policy without an issuer: the dashboard's. */
    static final class FieldSignInPolicy {
        static final String WITHOUT_ISSUER = "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
    }
}
