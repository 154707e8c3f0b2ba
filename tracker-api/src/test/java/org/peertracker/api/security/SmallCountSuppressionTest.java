package org.peertracker.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peertracker.api.security.SmallCounts.Alias;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.security.SmallCounts.Share;
import org.peertracker.events.EventCodec;
import tools.jackson.databind.JsonNode;

class SmallCountSuppressionTest {

    @Test
    void showsCountsFromOneToFourAsLessThanFiveAndLeavesZeroAndFiveAlone() {
        var tree = suppressed("alone", """
                {"a": 0, "b": 1, "c": 4, "d": 5, "e": 4.75, "f": 0.25, "name": "x"}""");

        assertThat(tree.toString()).isEqualTo("""
                {"a":0,"b":"<5","c":"<5","d":5,"e":"<5","f":"<5","name":"x"}""");
    }

    @Test
    void suppressesTheNextSmallestNonZeroCellOfAGroupThatHoldsOneSmallCell() {
        var tree = suppressed("materials", """
                {"materials": {"syringes": 40, "naloxoneKits": 2, "condoms": 7, "pipes": 0, "foil": 9}}""");

        assertThat(tree.path("materials").toString()).isEqualTo("""
                {"syringes":40,"naloxoneKits":"<5","condoms":"suppressed","pipes":0,"foil":9}""");
    }

    @Test
    void leavesAGroupAloneThatHoldsNoOrTwoSmallCells() {
        var none = suppressed("materials", """
                {"materials": {"syringes": 40, "condoms": 7}}""");
        var two = suppressed("materials", """
                {"materials": {"syringes": 40, "naloxoneKits": 2, "condoms": 3, "foil": 9}}""");

        assertThat(none.path("materials").toString()).isEqualTo("{\"syringes\":40,\"condoms\":7}");
        assertThat(two.path("materials").toString()).isEqualTo("""
                {"syringes":40,"naloxoneKits":"<5","condoms":"<5","foil":9}""");
    }

    @Test
    void keepsTheTotalOfAGroupWithTwoSuppressedCellsAndSuppressesItWhenOneCannotBePaired() {
        var paired = suppressed("withTotal", """
                {"actions": 12, "actionsByKind": {"media": 3, "workshop": 9, "petition": 0}}""");
        var alone = suppressed("withTotal", """
                {"actions": 12, "actionsByKind": {"media": 3, "workshop": 0}}""");

        assertThat(paired.toString()).isEqualTo("""
                {"actions":12,"actionsByKind":{"media":"<5","workshop":"suppressed","petition":0}}""");
        // 12 - 0 would give the 3 away (a total that is more than its group, e.g. with kinds not shown)
        assertThat(alone.toString()).isEqualTo("""
                {"actions":"suppressed","actionsByKind":{"media":"<5","workshop":0}}""");
    }

    @Test
    void findsTheTotalOfAGroupInEachElementOfAList() {
        var tree = suppressed("listTotals", """
                {"items": [{"actions": 12, "byKind": {"media": 3, "workshop": 0}}, {"actions": 3, "byKind": {"media": 3}}]}""");

        assertThat(tree.toString()).isEqualTo("""
                {"items":[{"actions":"suppressed","byKind":{"media":"<5","workshop":0}},{"actions":"<5","byKind":{"media":"<5"}}]}""");
    }

    @Test
    void makesOneGroupPerBindingOfTheStars() {
        var tree = suppressed("rows", """
                {"days": [{"materials": {"a": 1, "b": 10, "c": 20}}, {"materials": {"a": 10, "b": 20, "c": 30}}]}""");

        assertThat(tree.path("days").get(0).path("materials").toString()).isEqualTo("""
                {"a":"<5","b":"suppressed","c":20}""");
        assertThat(tree.path("days").get(1).path("materials").toString()).isEqualTo("{\"a\":10,\"b\":20,\"c\":30}");
    }

    @Test
    void splitsAColumnGroupByTheValueOfAFieldOfEachRow() {
        var tree = suppressed("columns", """
                {"days": [{"day": "d1", "area": "oost", "contacts": 3}, {"day": "d1", "area": "west", "contacts": 20},
                          {"day": "d2", "area": "oost", "contacts": 8}, {"day": "d2", "area": "west", "contacts": 6}]}""");

        assertThat(tree.path("days").valueStream().map(d -> d.path("contacts").toString()))
                .containsExactly("\"<5\"", "\"suppressed\"", "8", "6");
    }

    @Test
    void repeatsUntilEveryRowAndColumnHoldsNoneOrTwoOrMoreSuppressedCells() {
        // a 2x3 table, rows and columns each a group: suppressing a's partner in its row leaves a column with one
        var tree = suppressed("table", """
                {"t": {"r1": {"x": 2, "y": 10, "z": 50}, "r2": {"x": 30, "y": 40, "z": 60}}}""");

        assertThat(tree.path("t").toString()).isEqualTo("""
                {"r1":{"x":"<5","y":"suppressed","z":50},"r2":{"x":"suppressed","y":"suppressed","z":60}}""");
    }

    @Test
    void suppressesValuesDerivedFromAGroupWithASuppressedCell() {
        var tree = suppressed("derived", """
                {"hours": 32.0, "hoursByLevel": {"leading": 2.0, "consulted": 30.0}, "share": 0.063}""");

        assertThat(tree.toString()).isEqualTo("""
                {"hours":32.0,"hoursByLevel":{"leading":"<5","consulted":"suppressed"},"share":"suppressed"}""");
    }

    @Test
    void suppressesAShareOfATotalWhenThePartOrTheRestItRevealsIsSmall() {
        var smallPart = suppressed("share", "{\"hours\": 40.0, \"share\": 0.05}");
        var smallRest = suppressed("share", "{\"hours\": 40.0, \"share\": 0.95}");
        var none = suppressed("share", "{\"hours\": 40.0, \"share\": 0.0}");
        var large = suppressed("share", "{\"hours\": 40.0, \"share\": 0.5}");
        var smallTotal = suppressed("share", "{\"hours\": 3.0, \"share\": 0.5}");

        assertThat(smallPart.path("share").asString()).isEqualTo("suppressed");
        assertThat(smallRest.path("share").asString()).isEqualTo("suppressed");
        assertThat(none.path("share").asDouble()).isZero();
        assertThat(large.path("share").asDouble()).isEqualTo(0.5);
        assertThat(smallTotal.path("share").asString()).isEqualTo("suppressed");
        assertThat(smallTotal.path("hours").asString()).isEqualTo("<5");
    }

    @Test
    void removesEveryFieldItsDeclarationDoesNotAllowSoThatAFieldAddedLaterStaysHidden() {
        var tree = forAnalyst("allowList", """
                {"page": 0, "secret": "x", "empty": {},
                 "items": [{"participants": 30, "name": "N", "peers": ["p1"], "cities": ["A", "B"],
                            "byKind": {"a": 10, "b": 20}, "outcomes": [{"text": "t"}], "nested": {"participants": 7}},
                           {"participants": 12, "byKind": {}, "cities": []}]}""");

        // an object or array that an allowed path enters stays, even empty; one a path merely names does not
        assertThat(tree).isEqualTo(json("""
                {"page": 0, "items": [{"participants": 30, "name": "N", "cities": ["A", "B"], "byKind": {"a": 10, "b": 20}},
                                      {"participants": 12, "byKind": {}, "cities": []}]}"""));
    }

    @Test
    void showsIdsAsAliasesNumberedInTheOrderOfTheAnswerTheSameIdAlike() {
        var tree = forAnalyst("aliases", """
                {"rows": [{"peerId": "p9", "n": 10}, {"peerId": "p3", "n": 11}, {"peerId": "p9", "n": 12},
                          {"peerId": null, "n": 13}]}""");

        assertThat(tree.path("rows").valueStream().map(row -> row.path("peerId").asString(null)))
                .containsExactly("peer-1", "peer-2", "peer-1", null);
    }

    @Test
    void ignoresWhatIsNotANumberAndPathsThatMatchNothing() {
        var tree = suppressed("alone", "{\"a\": \"3\", \"b\": null, \"c\": [1]}");

        assertThat(tree.toString()).isEqualTo("{\"a\":\"3\",\"b\":null,\"c\":[1]}");
    }

    // ---- the endpoints' declarations: a wrong one fails below ----

    static final List<String> CONTROLLERS = List.of(
            "dashboard.DashboardController",
            "outreach.OutreachController",
            "support.SupportController",
            "campaign.CampaignController",
            "involvement.InvolvementController");
    /** Numbers that count no people: paging, and campaigns, which are public acts. */
    static final Set<String> NOT_COUNTS = Set.of("page", "size", "total", "activeCampaigns");
    /** Fields whose values name people or events, or are free text: none of their values may reach an analyst. */
    static final Set<String> IDENTIFYING =
            Set.of("peerId", "peers", "eventId", "text", "clientRef", "caseId", "sessionId", "owner", "ownerPeerId");
    /** Fields an analyst never gets, wherever they sit. */
    static final Set<String> NEVER_SHOWN = Set.of(
            SampleAnswers.ADDED_LATER,
            "eventId",
            "text",
            "outcomes",
            "compensation",
            "compensationByRole",
            "clientRef");

    @Test
    void declaresEveryAggregateViewThatAnalystsMayRead() {
        assertThat(aggregateEndpoints()).hasSize(SecurityConfiguration.AGGREGATES.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregateEndpoints")
    void showsAnAnalystNoCountFromOneToFourNoIdNoFreeTextAndNoFieldItsDeclarationDoesNotAllow(Method endpoint) {
        var rules = endpoint.getAnnotation(SmallCounts.class);
        var answer = SampleAnswers.of(endpoint, SampleAnswers.small());
        var identifying = leaves(answer).entrySet().stream()
                .filter(leaf -> leaf.getValue().isString() && IDENTIFYING.contains(field(leaf.getKey())))
                .map(leaf -> leaf.getValue().toString())
                .toList();

        var seen = leaves(AnalystResponses.forAnalyst(answer, rules));

        assertThat(seen).isNotEmpty();
        assertThat(seen.entrySet().stream()
                        .filter(leaf -> leaf.getValue().isNumber()
                                && leaf.getValue().doubleValue() > 0
                                && leaf.getValue().doubleValue() < 5
                                && !NOT_COUNTS.contains(field(leaf.getKey())))
                        .map(Map.Entry::getKey))
                .as("counts from 1 to 4")
                .isEmpty();
        assertThat(seen.keySet()).as("fields outside the allow-list").allSatisfy(pointer -> {
            assertThat(AnalystFields.allowed(rules)).anyMatch(path -> matches(path, pointer));
            assertThat(pointer.split("/")).doesNotContainAnyElementsOf(NEVER_SHOWN);
        });
        assertThat(seen.values())
                .as("ids and free text")
                .extracting(JsonNode::toString)
                .noneMatch(identifying::contains);
    }

    /**
     * The answers in {@code src/test/resources/analyst-answers} are what an analyst gets of each endpoint's sample
     * answer: any change to a declaration changes one. To change one on purpose, review the answer the test wrote to
     * {@code target/analyst-answers} and copy it over.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregateEndpoints")
    void answersAnAnalystExactlyAsTheRecordedAnswerOfTheEndpointShows(Method endpoint) throws Exception {
        var name = endpoint.getDeclaringClass().getSimpleName() + "." + endpoint.getName() + ".json";
        var seen = AnalystResponses.forAnalyst(
                SampleAnswers.of(endpoint, SampleAnswers.mixed()), endpoint.getAnnotation(SmallCounts.class));
        var written = Path.of("target", "analyst-answers", name);
        Files.createDirectories(written.getParent());
        Files.writeString(
                written, EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(seen));

        try (var recorded = getClass().getResourceAsStream("/analyst-answers/" + name)) {
            assertThat(recorded).as("a recorded answer for " + name).isNotNull();
            // read back, so that numbers compare by value rather than by their Java type
            assertThat(EventCodec.mapper().readTree(seen.toString()))
                    .isEqualTo(EventCodec.mapper().readTree(recorded));
        }
    }

    static List<Named<Method>> aggregateEndpoints() {
        var endpoints = new ArrayList<Named<Method>>();
        for (var controller : CONTROLLERS) {
            try {
                for (var method :
                        Class.forName("org.peertracker.api." + controller).getDeclaredMethods()) {
                    if (method.isAnnotationPresent(SmallCounts.class)) {
                        endpoints.add(
                                Named.of(method.getDeclaringClass().getSimpleName() + "." + method.getName(), method));
                    }
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return endpoints;
    }

    /** Every leaf of a tree, by its JSON pointer. */
    private static Map<String, JsonNode> leaves(JsonNode tree) {
        var leaves = new LinkedHashMap<String, JsonNode>();
        collect(tree, "", leaves);
        return leaves;
    }

    private static void collect(JsonNode node, String pointer, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), pointer + "/" + e.getKey(), leaves));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, leaves);
            }
        } else {
            leaves.put(pointer, node);
        }
    }

    /** The field a leaf belongs to: its last segment that is not an array index. */
    private static String field(String pointer) {
        var segments = pointer.split("/");
        for (int i = segments.length - 1; i > 0; i--) {
            if (!segments[i].chars().allMatch(Character::isDigit)) {
                return segments[i];
            }
        }
        return "";
    }

    private static boolean matches(String path, String pointer) {
        var wanted = path.split("/");
        var segments = pointer.substring(1).split("/");
        if (wanted.length != segments.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (!wanted[i].equals("*") && !wanted[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    // the declarations under test, as a controller would carry them

    @SmallCounts({"a", "b", "c", "d", "e", "f", "name"})
    static void alone() {}

    @SmallCounts(groups = @Group("materials/?"))
    static void materials() {}

    @SmallCounts(groups = @Group(value = "actionsByKind/?", total = "actions"))
    static void withTotal() {}

    @SmallCounts(groups = @Group(value = "items/*/byKind/?", total = "items/*/actions"))
    static void listTotals() {}

    @SmallCounts(groups = @Group("days/*/materials/?"))
    static void rows() {}

    @SmallCounts(groups = @Group(value = "days/?/contacts", partitionBy = "day"))
    static void columns() {}

    @SmallCounts(groups = {@Group("t/*/?"), @Group("t/?/*")})
    static void table() {}

    @SmallCounts(value = "hours", groups = @Group(value = "hoursByLevel/?", total = "hours", dependents = "share"))
    static void derived() {}

    @SmallCounts(value = "hours", shares = @Share(value = "share", of = "hours"))
    static void share() {}

    @SmallCounts(
            value = "items/*/participants",
            groups = @Group("items/*/byKind/?"),
            shown = {"page", "items/*/name", "items/*/cities/*", "items/*/outcomes"})
    static void allowList() {}

    @SmallCounts(value = "rows/*/n", aliases = @Alias(value = "rows/*/peerId", as = "peer"))
    static void aliases() {}

    private static JsonNode suppressed(String declaration, String json) {
        var tree = json(json);
        SmallCountSuppression.apply(tree, declared(declaration));
        return tree;
    }

    private static JsonNode forAnalyst(String declaration, String json) {
        return AnalystResponses.forAnalyst(json(json), declared(declaration));
    }

    private static SmallCounts declared(String declaration) {
        try {
            return SmallCountSuppressionTest.class
                    .getDeclaredMethod(declaration)
                    .getAnnotation(SmallCounts.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String json) {
        return EventCodec.mapper().readTree(json);
    }
}
