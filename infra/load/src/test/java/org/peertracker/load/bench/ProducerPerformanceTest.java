package org.peertracker.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProducerPerformanceTest {

    @Test
    void readsTheProducerPerfToolsSummary() {
        var output = """
                249985 records sent, 49997.0 records/sec (19.07 MB/sec), 12.3 ms avg latency, 310.0 ms max latency.
                500000 records sent, 61842.1 records/sec (23.59 MB/sec), 10.62 ms avg latency, 412.00 ms max latency, 7 ms 50th, 25 ms 95th, 61 ms 99th, 180 ms 99.9th.
                """;
        var perf = ProducerPerformance.Summary.parse(output);
        assertThat(perf.records()).isEqualTo(500000);
        assertThat(perf.recordsPerSecond()).isEqualTo(61842.1);
        assertThat(perf.p99Ms()).isEqualTo(61);
        assertThat(ProducerPerformance.Summary.parse("Exception in thread main"))
                .isNull();
    }
}
