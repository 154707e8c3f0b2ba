package org.peertracker.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** infra/lib/jdk.sh, which infra/up, infra/token, infra/bench and .ci/run source, over stub JDKs printing a version. */
class JdkScriptTest {

    private static final Path SCRIPT =
            Path.of("..", "lib", "jdk.sh").toAbsolutePath().normalize();
    private static final Path BASH = Path.of("/bin/bash");

    /** Under target/, not the system's temporary directory, which may forbid running the stubs (noexec). */
    private Path dir;

    private Path installed;
    private Path emptyPath;

    @BeforeEach
    void makeDirectories() throws IOException {
        assumeTrue(Files.isExecutable(BASH) && Files.isExecutable(Path.of("/bin/sh")), "needs bash and sh");
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "jdk-script");
        installed = Files.createDirectories(dir.resolve("jvm"));
        emptyPath = Files.createDirectories(dir.resolve("empty-path"));
    }

    @AfterEach
    void removeDirectories() throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void keepsAJavaHomeOf21OrNewerThoughANewerJdkIsInstalled() throws Exception {
        var home = jdk(dir.resolve("own-22"), "22");
        jdk(installed.resolve("temurin-25"), "25");

        var found = useJdk(Map.of("JAVA_HOME", home.toString(), "PATH", emptyPath.toString()));

        assertThat(found.exitCode()).isZero();
        assertThat(found.javaHome()).isEqualTo(home.toString());
        assertThat(found.path()).startsWith(home.resolve("bin") + ":");
    }

    @Test
    void passesOverAnOlderJavaHomeForTheJavaOnThePath() throws Exception {
        var old = jdk(dir.resolve("own-17"), "17");
        var onPath = jdk(dir.resolve("on-path-23"), "23");
        jdk(installed.resolve("temurin-25"), "25");

        var found = useJdk(Map.of(
                "JAVA_HOME", old.toString(), "PATH", onPath.resolve("bin").toString()));

        assertThat(found.javaHome()).isEqualTo(onPath.toString());
    }

    @Test
    void takesTheNewestInstalledJdkNotTheLastByName() throws Exception {
        jdk(installed.resolve("a-jdk-25"), "25");
        jdk(installed.resolve("java-17-openjdk"), "17");
        jdk(installed.resolve("z-jdk-21"), "21");
        Files.createDirectories(installed.resolve("no-java-here"));

        var found = useJdk(Map.of("PATH", emptyPath.toString()));

        assertThat(found.javaHome()).isEqualTo(installed.resolve("a-jdk-25").toString());
    }

    @Test
    void namesWhatItLookedAtWhenNoJdkIs21OrNewer() throws Exception {
        var old = jdk(dir.resolve("own-8"), "1.8");
        var onPath = jdk(dir.resolve("on-path-17"), "17");
        jdk(installed.resolve("java-11"), "11");

        var found = useJdk(Map.of(
                "JAVA_HOME", old.toString(), "PATH", onPath.resolve("bin").toString()));

        assertThat(found.exitCode()).isEqualTo(1);
        assertThat(found.stdout()).isEmpty();
        assertThat(found.stderr())
                .contains("test: needs a JDK 21 or newer")
                .contains("JAVA_HOME=" + old + " (8)")
                .contains("java on PATH " + onPath.resolve("bin").resolve("java") + " (17)")
                .contains(installed + ": java-11 (11)");
    }

    /** A stub JDK whose java prints what {@code java -XshowSettings:properties -version} prints, on stderr. */
    private static Path jdk(Path home, String version) throws IOException {
        var java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo "Property settings:" >&2
                echo "    java.home = %s" >&2
                echo "    java.specification.version = %s" >&2
                echo "openjdk version \\"%s\\"" >&2
                """.formatted(home, version, version), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** Sources the script as the scripts do (set -euo pipefail) in a clean environment plus {@code env}. */
    private Found useJdk(Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder(
                BASH.toString(),
                "-c",
                "set -euo pipefail; source \"$0\"; use_jdk test; printf '%s\\n%s\\n' \"$JAVA_HOME\" \"$PATH\"",
                SCRIPT.toString());
        builder.environment().clear();
        var environment = new HashMap<>(env);
        environment.put("JDK_SEARCH_DIR", installed.toString());
        builder.environment().putAll(environment);
        var process = builder.start();
        var stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Found(process.exitValue(), stdout, stderr);
    }

    private record Found(int exitCode, String stdout, String stderr) {

        String javaHome() {
            return stdout.lines().findFirst().orElse("");
        }

        String path() {
            return stdout.lines().skip(1).findFirst().orElse("");
        }
    }
}
