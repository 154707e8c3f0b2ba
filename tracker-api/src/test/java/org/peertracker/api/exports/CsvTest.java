package org.peertracker.api.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peertracker.api.exports.Csv.Column;
import org.peertracker.events.EventCodec;
import tools.jackson.databind.JsonNode;

class CsvTest {

    @Test
    void writesAHeaderRowAndQuotesFieldsAsRfc4180Says() throws IOException {
        var rows = List.of(
                json("{\"name\":\"plain\",\"n\":3}"),
                json("{\"name\":\"a, b\",\"n\":1.5}"),
                json("{\"name\":\"say \\\"hi\\\"\\nthen go\"}"),
                json("{\"name\":\"Zoë ✓\",\"n\":null}"));

        var csv = write(List.of(Column.of("name"), Column.of("n")), rows);

        assertThat(csv).isEqualTo("name,n\r\nplain,3\r\n\"a, b\",1.5\r\n\"say \"\"hi\"\"\nthen go\",\r\nZoë ✓,\r\n");
    }

    @Test
    void readsNestedCellsByTheirPointer() throws IOException {
        var row = json("{\"materials\":{\"syringes\":40},\"submittedBy\":{\"role\":\"peer\"}}");

        var csv = write(List.of(Column.of("materials.syringes"), Column.of("submittedBy.role")), List.of(row));

        assertThat(csv).isEqualTo("materials.syringes,submittedBy.role\r\n40,peer\r\n");
    }

    @Test
    void writesListsJoinedObjectsAsPairsAndDeeperValuesAsJson() {
        assertThat(Csv.cell(json("[\"a\",\"b\"]"))).isEqualTo("a; b");
        assertThat(Csv.cell(json("{\"demonstration\":\"<5\",\"media\":12}"))).isEqualTo("demonstration=<5; media=12");
        assertThat(Csv.cell(json("[{\"id\":\"r1\"}]"))).isEqualTo("[{\"id\":\"r1\"}]");
        assertThat(Csv.cell(json("null"))).isEmpty();
        assertThat(Csv.cell(json("true"))).isEqualTo("true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"})
    void neutralisesATextThatASpreadsheetWouldRunAsAFormula(String text) {
        assertThat(Csv.neutralise(text)).isEqualTo("'" + text);
        assertThat(Csv.cell(EventCodec.mapper().getNodeFactory().stringNode(text)))
                .isEqualTo("'" + text);
    }

    @Test
    void neutralisesJoinedCellsAndLeavesNumbersAndOtherTextsAsTheyAre() {
        assertThat(Csv.cell(json("[\"=cmd\",\"b\"]"))).isEqualTo("'=cmd; b");
        assertThat(Csv.cell(json("-3"))).isEqualTo("-3");
        assertThat(Csv.cell(json("\"<5\""))).isEqualTo("<5");
        assertThat(Csv.cell(json("\"2026-11-20\""))).isEqualTo("2026-11-20");
        assertThat(Csv.neutralise("")).isEmpty();
    }

    private static String write(List<Column> columns, List<JsonNode> rows) throws IOException {
        var out = new ByteArrayOutputStream();
        Csv.write(out, columns, sink -> rows.forEach(sink));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        return EventCodec.mapper().readTree(text);
    }
}
