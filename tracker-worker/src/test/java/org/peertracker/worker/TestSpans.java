package org.peertracker.worker;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The spans the worker finishes, kept in memory where the tests read them (every one: sampling is 1 in the tests). */
@TestConfiguration(proxyBeanMethods = false)
public class TestSpans {

    @Bean
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
