package org.peertracker.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFilesTest {

    @Test
    void readsCpuTicksFromProcStat() {
        var stat = "4242 (java thread (x)) S 1 4242 1 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 40 0 100 0 0";
        assertThat(ProcFiles.cpuTicks(stat)).isEqualTo(1234 + 567);
        var withChildren = "4242 (java) S 1 4242 1 0 -1 4194560 1000 0 0 0 1234 567 890 12 20 0 40 0 100 0 0";
        assertThat(ProcFiles.childCpuTicks(withChildren)).isEqualTo(890 + 12);
        assertThat(ProcFiles.childCpuTicks(stat)).isZero();
    }

    @Test
    void readsSizesFromProcStatus() {
        var status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  412340 kB\nVmRSS:\t  398000 kB\n";
        assertThat(ProcFiles.statusNumber(status, "VmHWM")).isEqualTo(412340);
        assertThat(ProcFiles.statusNumber(status, "VmRSS")).isEqualTo(398000);
        assertThat(ProcFiles.statusNumber(status, "VmSwap")).isEqualTo(-1);
    }
}
