package org.peertracker.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    @Test
    void readsTheCommittedMemoryOfEachCategoryLargestFirstAfterTheTotal() {
        var summary = """
                12345:

                Native Memory Tracking:

                (Omitting categories weighting less than 1KB)

                Total: reserved=1739589KB, committed=414173KB
                       malloc: 40869KB #123456
                       mmap:   reserved=1698720KB, committed=373304KB

                -                 Java Heap (reserved=262144KB, committed=262144KB)
                                            (mmap: reserved=262144KB, committed=262144KB)

                -                     Class (reserved=1049321KB, committed=9577KB)
                                            (classes #14321)

                -                    Thread (reserved=84992KB, committed=9216KB)
                                            (threads #83)

                -                      Code (reserved=251904KB, committed=61440KB)
                """;

        var parsed = NativeMemory.parse(summary);

        assertThat(parsed.keySet()).containsExactly("Total", "Java Heap", "Code", "Class", "Thread");
        assertThat(parsed.get("Total")).isEqualTo(404.5);
        assertThat(parsed.get("Code")).isEqualTo(60.0);
    }

    @Test
    void aProcessThatDoesNotTrackGivesNothing() {
        assertThat(NativeMemory.parse("12345:\nNative memory tracking is not enabled\n"))
                .isEmpty();
    }
}
