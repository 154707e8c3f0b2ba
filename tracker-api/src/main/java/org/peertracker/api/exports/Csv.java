package org.peertracker.api.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.JsonNode;

/**
 * Rows of JSON written as CSV (RFC 4180: comma, CRLF, a header row, fields quoted where they must be), UTF-8. Each
 * text cell a spreadsheet would read as a formula is neutralised.
 */
final class Csv {

    /** What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection"), tab and CR included. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();

    private Csv() {}

    /** A column: its header and where its cell sits in a row (a JSON pointer, e.g. {@code /materials/syringes}). */
    record Column(String name, String pointer) {

        static Column of(String name) {
            return new Column(name, "/" + name.replace(".", "/"));
        }
    }

    /** Writes the header and then each row as {@code rows} gives it, flushing as it goes. */
    static void write(OutputStream out, List<Column> columns, Consumer<Consumer<JsonNode>> rows) throws IOException {
        var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        var printer = new CSVPrinter(writer, FORMAT);
        printer.printRecord(columns.stream().map(Column::name).map(Csv::neutralise));
        try {
            rows.accept(row -> {
                var cells = new ArrayList<String>(columns.size());
                columns.forEach(column -> cells.add(cell(row.at(column.pointer()))));
                try {
                    printer.printRecord(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
    }

    /**
     * A value as one cell: text neutralised; a number as JSON writes it; a list of values joined by {@code "; "}; an
     * object of values as {@code key=value} pairs; anything deeper as compact JSON. Absent or null: empty.
     */
    static String cell(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isString()) {
            return neutralise(value.asString());
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        if (value.isArray() && value.valueStream().noneMatch(JsonNode::isContainer)) {
            var joined = new StringJoiner("; ");
            value.valueStream().forEach(v -> joined.add(v.isNull() ? "" : v.asString()));
            return neutralise(joined.toString());
        }
        if (value.isObject() && value.valueStream().noneMatch(JsonNode::isContainer)) {
            var joined = new StringJoiner("; ");
            value.properties()
                    .forEach(e -> joined.add(e.getKey() + "="
                            + (e.getValue().isNull() ? "" : e.getValue().asString())));
            return neutralise(joined.toString());
        }
        return neutralise(value.toString());
    }

    /** A text that a spreadsheet would run as a formula, made plain text by a leading apostrophe. */
    static String neutralise(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
