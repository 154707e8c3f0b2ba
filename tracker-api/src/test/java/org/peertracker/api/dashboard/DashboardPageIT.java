package org.peertracker.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.api.InlineCode;
import org.peertracker.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The dashboard page: public files under a strict Content-Security-Policy; its data only with a token. */
class DashboardPageIT extends ApiITSupport {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'";

    /** ECharts as the page imports it: a copy of its package's ES module build (static/vendor/echarts/6.1.0). */
    static final String ECHARTS = "/vendor/echarts/6.1.0/echarts.esm.min.js";

    /** The SHA-256 of dist/echarts.esm.min.js in the package echarts@6.1.0, as its README there records. */
    static final String ECHARTS_SHA256 = "28515f26aa57f87eb1e4ed4eb446927eaf329b5f5e02b4bfd4b0264fea40d1da";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "page_it");
    }

    @Test
    void servesThePageWithoutATokenUnderAStrictContentSecurityPolicy() {
        var page = new Http(port).get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(POLICY);
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/dashboard.js\"></script>");
    }

    @Test
    void holdsNoInlineScriptStyleOrHandler() {
        var html = new Http(port).get("/index.html").body();

        InlineCode.assertNoneIn(html);
        assertThat(html).doesNotContain("//cdn", "https://");
    }

    @Test
    void servesItsScriptsStylesAndChartsFromThisOrigin() {
        var http = new Http(port);

        for (var module :
                new String[] {"dashboard.js", "catalogue.js", "charts.js", "format.js", "i18n.js", "live.js", "token.js"
                }) {
            var script = http.get("/assets/" + module);
            assertThat(script.status()).as(module).isEqualTo(200);
            assertThat(script.contentType()).as(module).startsWith("text/javascript");
        }
        assertThat(http.get("/assets/dashboard.css").contentType()).startsWith("text/css");
        var charts = http.get(ECHARTS);
        assertThat(charts.status()).isEqualTo(200);
        assertThat(charts.contentType()).startsWith("text/javascript");
    }

    @Test
    void servesTheVendoredEChartsUnchangedAndNoLongerItsWebJar() throws NoSuchAlgorithmException {
        var http = new Http(port);

        assertThat(http.get("/assets/charts.js").body()).contains("import * as echarts from '" + ECHARTS + "';");
        var charts = http.get(ECHARTS).body();
        assertThat(versionOf(charts)).isEqualTo("6.1.0");
        assertThat(HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(charts.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(ECHARTS_SHA256);
        for (var file : new String[] {"LICENSE", "NOTICE", "LICENSE-zrender", "LICENSE-d3", "README.md"}) {
            assertThat(http.get("/vendor/echarts/6.1.0/" + file).status())
                    .as(file)
                    .isEqualTo(200);
        }

        var webJar = "/webjars/echarts/dist/echarts.esm.min.js";
        assertThat(http.get(webJar).status()).as("no longer public").isEqualTo(401);
        assertThat(http.as(TestTokens.shared().admin("mainline")).get(webJar).status())
                .as("gone")
                .isEqualTo(404);
        assertThat(getClass().getClassLoader().getResource("META-INF/resources/webjars/echarts"))
                .isNull();
    }

    @Test
    void findsEveryListTheCatalogueModuleNamesInTheSchemasTheApiServes() {
        var http = new Http(port);
        var lists = Pattern.compile("(\\w+): \\['([a-z]+\\.[a-z-]+)', '([\\w/]+)'\\]")
                .matcher(http.get("/assets/catalogue.js").body());

        var names = new ArrayList<String>();
        while (lists.find()) {
            var name = lists.group(1);
            var schema = http.get("/api/v1/schemas/" + lists.group(2));
            assertThat(schema.status()).as(name).isEqualTo(200);
            var node = at(schema.json(), lists.group(3));
            assertThat(node.path("enum").size() + node.path("properties").size())
                    .as(name)
                    .isPositive();
            names.add(name);
        }
        assertThat(names)
                .contains(
                        "materials", "referralOutcomes", "actionKinds", "outcomeLevels", "involvementLevels", "roles");
    }

    @Test
    void keepsEverythingElseBehindAToken() {
        var http = new Http(port);

        assertThat(http.send("POST", "/").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/orgs/mainline/dashboard").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/orgs/mainline/live").status()).isEqualTo(401);
        assertThat(http.get("/anything-else").status()).isEqualTo(401);
    }

    /** The node at a path of names in a schema, following its references within the schema ({@code #/$defs/role}). */
    static JsonNode at(JsonNode schema, String path) {
        var node = schema;
        for (var name : path.split("/")) {
            node = node.path(name);
        }
        var ref = node.path("$ref").asString("");
        return ref.startsWith("#/") ? at(schema, ref.substring(2)) : node;
    }

    /** The string the module exports as {@code version}: {@code ...,$x as version,...} and {@code $x="6.1.0"}. */
    static String versionOf(String module) {
        var exported = Pattern.compile("[{,]([\\w$]+) as version[,}]").matcher(module);
        assertThat(exported.find()).as("exports a version").isTrue();
        var declared = Pattern.compile("[\\s,;(]" + Pattern.quote(exported.group(1)) + "=\"([^\"]+)\"")
                .matcher(module);
        assertThat(declared.find()).as("declares " + exported.group(1)).isTrue();
        return declared.group(1);
    }
}
