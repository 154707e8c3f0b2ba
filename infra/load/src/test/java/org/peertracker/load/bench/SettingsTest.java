package org.peertracker.load.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peertracker.load.RebuildEvents;

class SettingsTest {

    private static final Map<String, String> TOKENS =
            Map.of("BENCH_LOAD_TOKEN", "load ", "BENCH_PROBE_TOKEN", "probe", "BENCH_ADMIN_TOKEN", "admin");

    @Test
    void readsTheOptionsInfraBenchPassesAndTheTokensFromTheEnvironment() {
        var settings = Settings.parse(
                new String[] {
                    "--quick",
                    "--no-profile",
                    "--api",
                    "http://127.0.0.1:18080/",
                    "--stack-pid",
                    "42",
                    "--out",
                    "target/bench/results.json",
                    "--phase",
                    "latency",
                    "--table"
                },
                TOKENS);

        assertThat(settings.phase()).isEqualTo("latency");
        assertThat(settings.table()).isTrue();
        assertThat(settings.plan()).isEqualTo(Plan.of(true));
        assertThat(settings.profile()).isFalse();
        assertThat(settings.api()).isEqualTo("http://127.0.0.1:18080");
        assertThat(settings.worker()).isEqualTo("http://127.0.0.1:18081");
        assertThat(settings.stackPid()).isEqualTo(42);
        assertThat(settings.out()).isEqualTo(Path.of("target/bench/results.json"));
        assertThat(settings.loadToken()).isEqualTo("load");
    }

    @Test
    void runsEveryPhaseWithItsTableWhenNoneIsNamed() {
        var settings = Settings.parse(new String[0], TOKENS);

        assertThat(settings.phase()).isEqualTo("all");
        assertThat(settings.table()).isTrue();
        assertThat(settings.plan().quick()).isFalse();
        assertThat(settings.groupPrefix()).isEqualTo("tracker-worker");
        assertThat(settings.order()).isEqualTo(RebuildEvents.Order.FIELD);
    }

    @Test
    void writesOutreachEventsInTheOrderAskedFor() {
        assertThat(Settings.parse(new String[] {"--order", "uniform"}, TOKENS).order())
                .isEqualTo(RebuildEvents.Order.UNIFORM);
        assertThatThrownBy(() -> Settings.parse(new String[] {"--order", "sorted"}, TOKENS))
                .hasMessageContaining("field or uniform");
    }

    @Test
    void refusesAnUnknownPhaseOptionOrAMissingToken() {
        assertThatThrownBy(() -> Settings.parse(new String[] {"--phase", "memory"}, TOKENS))
                .hasMessageContaining("--phase must be");
        assertThatThrownBy(() -> Settings.parse(new String[] {"--speed", "9"}, TOKENS))
                .hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> Settings.parse(new String[0], Map.of("BENCH_LOAD_TOKEN", "load")))
                .hasMessageContaining("BENCH_PROBE_TOKEN is not set");
    }
}
