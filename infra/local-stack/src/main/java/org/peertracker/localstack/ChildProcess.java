package org.peertracker.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A process started by the local stack, with its output appended to a log file it can be judged by. */
public final class ChildProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} with this process's environment plus {@code env}, in the current directory,
     * appending stdout and stderr to {@code logFile}.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logFile)
            throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        // a marker, because the log outlives one run and tail() should show this run's lines
        Files.writeString(
                logFile,
                "==== " + Instant.now() + " starting " + name + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        return new ChildProcess(name, builder.start(), logFile);
    }

    /** Starts {@code java [jvmOptions] -jar jar} with the same java binary as this JVM. */
    public static ChildProcess startJar(
            String name, Path jar, List<String> jvmOptions, Map<String, String> env, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return start(name, command, env, logFile);
    }

    /** The java binary running this JVM, so that children use the same, already accepted JDK. */
    public static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit code, or empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Waits until the process ends; true if it did within {@code timeout}. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Polls a Spring Boot health endpoint until it answers 200 with status UP.
     *
     * @throws IllegalStateException if the process exits or the timeout passes first; the message ends with
     *                               the last 30 lines of the log
     */
    public void awaitHealthy(URI healthUrl, Duration timeout) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(healthUrl)
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " before it was healthy");
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // expected while the application starts
            }
            if (System.nanoTime() > deadline) {
                throw failure(name + " was not healthy at " + healthUrl + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    /**
     * Asks the process to stop (SIGTERM), forces it after {@code timeout}, and then does the same to any
     * process it started.
     */
    public void stop(Duration timeout) throws InterruptedException {
        // collected first: once the parent is gone its children are re-parented and no longer findable
        List<ProcessHandle> descendants = process.descendants().toList();
        terminate(process.toHandle(), timeout);
        for (ProcessHandle descendant : descendants) {
            terminate(descendant, Duration.ofSeconds(5));
        }
    }

    /** Kills the process at once (SIGKILL: no shutdown hook runs) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The last {@code lines} lines of the log file. */
    public List<String> tail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            // the end is enough: Kafka's log grows across runs
            long start = Math.max(0, file.length() - 64 * 1024);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message + "; last lines of " + logFile + ":" + System.lineSeparator()
                + String.join(System.lineSeparator(), tail(30)));
    }

    private static void terminate(ProcessHandle handle, Duration timeout) throws InterruptedException {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
            handle.onExit()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(t -> handle)
                    .join();
        }
    }
}
