package org.peertracker.api.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The field app's service worker names its cache after the shell it keeps: a change to any of the shell's files
 * changes {@code sw.js}, so that every phone installs the new shell whole (all files or none) instead of refreshing
 * them one by one, which could leave new code beside old offline. When this fails, put the name it gives in
 * {@code sw.js}.
 */
class FieldShellVersionTest {

    private static final Path STATIC = Path.of("src/main/resources/static");
    private static final Pattern CACHE = Pattern.compile("const CACHE = '([^']+)';");

    @Test
    void namesTheCacheAfterTheShellsFiles() throws IOException, NoSuchAlgorithmException {
        var worker = Files.readString(STATIC.resolve("field/sw.js"));
        var named = CACHE.matcher(worker);

        assertThat(named.find()).as("sw.js names its cache in a const CACHE").isTrue();
        assertThat(named.group(1))
                .as("the shell changed: name the cache in sw.js after it")
                .isEqualTo("peer-tracker-field-" + shellDigest());
    }

    /** The first 12 hex digits of SHA-256 over the shell's files (path, NUL, content), in path order. */
    static String shellDigest() throws IOException, NoSuchAlgorithmException {
        var digest = MessageDigest.getInstance("SHA-256");
        for (var folder : new String[] {"field", "i18n"}) {
            try (var files = Files.walk(STATIC.resolve(folder))) {
                for (var file : files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().equals("sw.js"))
                        .sorted()
                        .toList()) {
                    digest.update(STATIC.relativize(file)
                            .toString()
                            .replace('\\', '/')
                            .getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Files.readAllBytes(file));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }
}
