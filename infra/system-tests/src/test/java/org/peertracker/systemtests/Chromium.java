package org.peertracker.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium of the browser tests (Debian's {@code chromium} and {@code chromium-driver}), on a fresh profile
 * of its own, its console kept for the test to read. {@link #close()} ends it and deletes the profile.
 */
record Chromium(ChromeDriver browser, ChromeDriverService driver, Path profile) implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Skips the test without Chromium and its driver. */
    static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
    }

    /** Starts one with a window of {@code width} × {@code height} CSS pixels, in British English. */
    static Chromium start(String name, int width, int height) throws IOException {
        return startOn(Files.createTempDirectory(name), width, height);
    }

    /**
     * Starts one on {@code profile}, a profile directory that may hold what an earlier Chromium left there (also one
     * that was killed): its IndexedDB, local storage, service workers and caches.
     */
    static Chromium startOn(Path profile, int width, int height) {
        var options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--force-prefers-reduced-motion",
                "--lang=en-GB");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        // the driver given, not looked up: Selenium Manager downloads nothing
        var driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new Chromium(browser, driver, profile);
    }

    /**
     * Kills the browser as a phone's system kills an app, every Chromium process of this profile at once with
     * SIGKILL: no unload, no last write. The driver is then stopped; the profile stays, for {@link #startOn}.
     */
    void kill() {
        var flag = "--user-data-dir=" + profile;
        var browsers = ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .commandLine()
                        .map(line -> line.contains(flag))
                        .orElse(false))
                .toList();
        if (browsers.isEmpty()) {
            throw new IllegalStateException("no Chromium process runs on " + profile);
        }
        var all = new ArrayList<ProcessHandle>();
        for (var browser : browsers) {
            browser.descendants().forEach(all::add);
            all.add(browser);
        }
        all.forEach(ProcessHandle::destroyForcibly);
        // gone, or dead and waiting for the driver (its parent) to reap it: onExit() would wait for that reaping
        await().atMost(Duration.ofSeconds(10)).until(() -> all.stream().allMatch(Chromium::dead));
        driver.stop();
    }

    private static boolean dead(ProcessHandle process) {
        try {
            var stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    /** Ends the browser and its driver, keeping the profile. */
    void quit() {
        browser.quit();
        driver.stop();
    }

    @Override
    public void close() {
        quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
