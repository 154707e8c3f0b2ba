package org.peertracker.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import org.peertracker.load.IntakeLoad;

/** What every phase works with: the settings, the report it adds to, the system's processes and its Kafka. */
record Harness(Settings settings, BenchReport report, StackProcesses processes, Profiles profiles, Kafka kafka) {

    /** The organisation of the benchmark's load. */
    static final String LOAD_ORG = "bench-load";

    Plan plan() {
        return settings.plan();
    }

    /** Batches of {@code batch} contacts for {@link #LOAD_ORG}; {@code rate} 0 for as fast as the clients go. */
    IntakeLoad.Result load(int batch, int concurrency, int seconds, int rate) throws InterruptedException {
        return load(batch, concurrency, seconds, rate, IntakeLoad.Options.ANONYMOUS);
    }

    /** The intake loaded with a mix of events ({@link IntakeLoad.Options#mix()}). */
    IntakeLoad.Result load(int batch, int concurrency, int seconds, int rate, String mix) throws InterruptedException {
        return IntakeLoad.run(new IntakeLoad.Options(
                settings.api(), LOAD_ORG, batch, concurrency, seconds, rate, settings.loadToken(), mix));
    }

    /** Writes the report as it stands, so that a run that fails later keeps what it measured. */
    void write() throws IOException {
        Files.writeString(settings.out(), report.json());
    }
}
