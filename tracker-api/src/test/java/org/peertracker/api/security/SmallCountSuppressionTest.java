package org.peertracker.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
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
    void removesTheFieldsAnalystsNeverSee() {
        var tree = suppressed("hidden", """
                {"items": [{"participants": 30, "peers": ["p1", "p2"]}], "peers": ["p3"]}""");

        assertThat(tree.toString()).isEqualTo("{\"items\":[{\"participants\":30}]}");
    }

    @Test
    void ignoresWhatIsNotANumberAndPathsThatMatchNothing() {
        var tree = suppressed("alone", "{\"a\": \"3\", \"b\": null, \"c\": [1]}");

        assertThat(tree.toString()).isEqualTo("{\"a\":\"3\",\"b\":null,\"c\":[1]}");
    }

    @Test
    void declaresEveryAggregateViewThatAnalystsMayRead() throws Exception {
        var declared = java.util.Arrays.stream(SecurityConfiguration.AGGREGATES).count();
        var annotated = new java.util.ArrayList<Method>();
        for (var controller : java.util.List.of("dashboard.DashboardController", "outreach.OutreachController",
                "support.SupportController", "campaign.CampaignController", "involvement.InvolvementController")) {
            for (var method : Class.forName("org.peertracker.api." + controller).getDeclaredMethods()) {
                if (method.isAnnotationPresent(SmallCounts.class)) {
                    annotated.add(method);
                }
            }
        }

        assertThat(annotated).hasSize((int) declared);
    }

    // the declarations under test, as a controller would carry them

    @SmallCounts({"a", "b", "c", "d", "e", "f", "name"})
    static void alone() {
    }

    @SmallCounts(groups = @Group("materials/?"))
    static void materials() {
    }

    @SmallCounts(groups = @Group(value = "actionsByKind/?", total = "actions"))
    static void withTotal() {
    }

    @SmallCounts(groups = @Group("days/*/materials/?"))
    static void rows() {
    }

    @SmallCounts(groups = @Group(value = "days/?/contacts", partitionBy = "day"))
    static void columns() {
    }

    @SmallCounts(groups = {@Group("t/*/?"), @Group("t/?/*")})
    static void table() {
    }

    @SmallCounts(value = "hours", groups = @Group(value = "hoursByLevel/?", total = "hours", dependents = "share"))
    static void derived() {
    }

    @SmallCounts(value = "hours", shares = @Share(value = "share", of = "hours"))
    static void share() {
    }

    @SmallCounts(value = "items/*/participants", hidden = {"items/*/peers", "peers"})
    static void hidden() {
    }

    private static JsonNode suppressed(String declaration, String json) {
        try {
            var rules = SmallCountSuppressionTest.class.getDeclaredMethod(declaration).getAnnotation(SmallCounts.class);
            var tree = EventCodec.mapper().readTree(json);
            SmallCountSuppression.apply(tree, rules);
            return tree;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
