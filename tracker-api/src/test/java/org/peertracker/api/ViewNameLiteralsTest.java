package org.peertracker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.peertracker.views.ViewKey;

/**
 * The names of the views (collections, fields, sub-document fields) are spelled in one place, the view contract
 * ({@code org.peertracker.views}): code of either service that talks to MongoDB and spells one as a string literal
 * has a copy that a rename of the contract would miss. The name {@code _id} is MongoDB's, not the contract's.
 */
class ViewNameLiteralsTest {

    static final String CONTRACT = ViewKey.class.getPackageName();
    /** The sources that read or write the views; run from tracker-api, as Maven does. */
    static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../tracker-worker/src/main/java"));
    /** Copies known and left for now, by source file; none. A copy that is gone must leave this list too. */
    static final Map<String, Set<String>> KNOWN_COPIES = Map.of();

    static final Pattern TALKS_TO_MONGODB =
            Pattern.compile("^import\\s+(static\\s+)?(com\\.mongodb|org\\.bson)\\.", Pattern.MULTILINE);

    @Test
    void spellsNoCollectionOrFieldNameOfTheViewsOutsideTheContract() {
        var names = contractNames();
        var copies = new ArrayList<String>();
        var known = new HashSet<String>();
        for (var source : sourcesThatTalkToMongoDb()) {
            for (var literal : Literals.of(read(source))) {
                if (!names.containsKey(literal.value())) {
                    continue;
                }
                var file = source.toString().replace('\\', '/');
                var allowed = KNOWN_COPIES.entrySet().stream()
                        .filter(e -> file.endsWith(e.getKey()) && e.getValue().contains(literal.value()))
                        .map(e -> e.getKey() + " " + literal.value())
                        .findFirst();
                if (allowed.isPresent()) {
                    known.add(allowed.get());
                } else {
                    copies.add(file + ":" + literal.line() + " \"" + literal.value() + "\" is "
                            + names.get(literal.value()));
                }
            }
        }

        assertThat(copies)
                .as("string literals that copy a name of the view contract; use its constant instead")
                .isEmpty();
        assertThat(known)
                .as("known copies still there; remove those fixed from KNOWN_COPIES")
                .containsExactlyInAnyOrderElementsOf(KNOWN_COPIES.entrySet().stream()
                        .flatMap(e -> e.getValue().stream().map(value -> e.getKey() + " " + value))
                        .toList());
    }

    @Test
    void findsTheContractsNamesAndTheSourcesThatTalkToMongoDb() {
        assertThat(contractNames()).containsKeys("support_cases", "orgId", "view_generations", "physical", "_applied");
        assertThat(sourcesThatTalkToMongoDb())
                .extracting(path -> path.getFileName().toString())
                .contains("Views.java", "Cases.java", "GuardedWriter.java");
    }

    @Test
    void readsStringLiteralsButNotCommentsTextBlocksOrCharacters() {
        var source = """
                // "inLineComment"
                /* "inBlockComment" */
                class X { char q = '"'; String a = "first\\"quoted"; String b = "second";
                  String t = \"""
                      "inTextBlock"
                      \""";
                  char e = '\\''; String c = "third"; }
                """;

        assertThat(Literals.of(source))
                .containsExactly(
                        new Literals.Literal("first\"quoted", 3),
                        new Literals.Literal("second", 3),
                        new Literals.Literal("third", 7));
    }

    /** Every name the contract declares ({@code public static final String}), with where it is declared. */
    static Map<String, String> contractNames() {
        var names = new TreeMap<String, String>();
        for (var type : new ClassFileImporter().importPackages(CONTRACT)) {
            if (!type.getPackageName().equals(CONTRACT)) {
                continue;
            }
            for (Field field : type.reflect().getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (field.getType() == String.class
                        && Modifier.isPublic(modifiers)
                        && Modifier.isStatic(modifiers)
                        && Modifier.isFinal(modifiers)) {
                    try {
                        names.merge(
                                (String) field.get(null),
                                type.getSimpleName() + "." + field.getName(),
                                (a, b) -> a + ", " + b);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return names;
    }

    static List<Path> sourcesThatTalkToMongoDb() {
        var found = new ArrayList<Path>();
        for (var root : SOURCES) {
            assertThat(root).as("sources to scan").isDirectory();
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(path -> path.toString().endsWith(".java"))
                        .filter(path -> !path.toString().replace('\\', '/').contains(CONTRACT.replace('.', '/')))
                        .filter(path -> TALKS_TO_MONGODB.matcher(read(path)).find())
                        .sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The string literals of Java source, skipping comments, text blocks and character literals. */
    static final class Literals {

        record Literal(String value, int line) {}

        private Literals() {}

        static List<Literal> of(String source) {
            var literals = new ArrayList<Literal>();
            int line = 1;
            int i = 0;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    i = source.indexOf('\n', i);
                    i = i < 0 ? source.length() : i;
                } else if (source.startsWith("/*", i)) {
                    int end = source.indexOf("*/", i + 2);
                    end = end < 0 ? source.length() : end + 2;
                    line += count(source, i, end);
                    i = end;
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = i + 3;
                    while (end < source.length() && !source.startsWith("\"\"\"", end)) {
                        end += source.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(source.length(), end + 3);
                    line += count(source, i, end);
                    i = end;
                } else if (c == '"' || c == '\'') {
                    var value = new StringBuilder();
                    int end = i + 1;
                    while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                        if (source.charAt(end) == '\\' && end + 1 < source.length()) {
                            end++;
                        }
                        value.append(source.charAt(end));
                        end++;
                    }
                    if (c == '"') {
                        literals.add(new Literal(value.toString(), line));
                    }
                    i = end + 1;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    i++;
                }
            }
            return literals;
        }

        private static int count(String source, int from, int to) {
            return (int) source.substring(from, Math.min(to, source.length()))
                    .chars()
                    .filter(ch -> ch == '\n')
                    .count();
        }
    }
}
