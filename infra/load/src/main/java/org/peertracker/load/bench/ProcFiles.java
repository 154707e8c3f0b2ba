package org.peertracker.load.bench;

/** Readings of Linux's /proc files: the CPU time of a process, and the numbers of its status. */
final class ProcFiles {

    /** The CPU time (user + system) in clock ticks of a process, from its /proc/&lt;pid&gt;/stat line. */
    static long cpuTicks(String stat) {
        var fields = statFields(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The CPU time of a process's waited-for children (cutime + cstime) in clock ticks, from /proc/&lt;pid&gt;/stat. */
    static long childCpuTicks(String stat) {
        var fields = statFields(stat);
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /**
     * A numeric field of /proc/&lt;pid&gt;/status or /proc/meminfo: a size in KiB (VmHWM, VmRSS, MemTotal) or a count
     * (Threads); -1 when absent.
     */
    static long statusNumber(String status, String field) {
        for (var line : status.split("\\R")) {
            if (line.startsWith(field + ":")) {
                var value = line.substring(field.length() + 1).trim();
                return Long.parseLong(value.split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** The fields of a /proc/&lt;pid&gt;/stat line after the command name, from the state (field 3) on. */
    private static String[] statFields(String stat) {
        // the command name in parentheses may hold spaces
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    private ProcFiles() {}
}
