package org.peertracker.load.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes of the system under measure, found from the pid of the local stack's launcher: the api, the worker,
 * the launcher (which hosts the embedded MongoDB) and the Kafka broker; none of them for a running system, whose
 * processes the benchmark does not know.
 */
final class StackProcesses {

    private final long stackPid;
    private final long apiPid;
    private final long workerPid;
    private final boolean embeddedMongo;

    private StackProcesses(long stackPid, long apiPid, long workerPid, boolean embeddedMongo) {
        this.stackPid = stackPid;
        this.apiPid = apiPid;
        this.workerPid = workerPid;
        this.embeddedMongo = embeddedMongo;
    }

    static StackProcesses of(Settings settings) {
        long stackPid = settings.stackPid();
        return new StackProcesses(
                stackPid,
                child(stackPid, "tracker-api"),
                child(stackPid, "tracker-worker"),
                stackPid > 0 && settings.mongo().contains("127.0.0.1"));
    }

    /** The api's pid, 0 when unknown. */
    long apiPid() {
        return apiPid;
    }

    /** The worker's pid, 0 when unknown. */
    long workerPid() {
        return workerPid;
    }

    /** Starts measuring the CPU time of the stack's processes and of this load generator. */
    CpuUse cpuUse() {
        return CpuUse.start(measured());
    }

    /** The processes whose CPU use is worth knowing: the stack's, and this load generator. */
    private Map<String, Long> measured() {
        var pids = new LinkedHashMap<String, Long>();
        pids.put("api", apiPid);
        pids.put("worker", workerPid);
        if (stackPid > 0) {
            pids.put("launcher with embedded MongoDB", stackPid);
            pids.put(
                    "Kafka broker",
                    ProcessHandle.of(stackPid).stream()
                            .flatMap(ProcessHandle::children)
                            .filter(p -> p.info().commandLine().orElse("").contains("kafka.Kafka"))
                            .mapToLong(ProcessHandle::pid)
                            .findFirst()
                            .orElse(0));
        }
        pids.put("load generator", ProcessHandle.current().pid());
        pids.values().removeIf(pid -> pid <= 0);
        return pids;
    }

    /** The JVMs worth profiling among {@code names}: the api, the worker, and the launcher as embedded-mongodb. */
    Map<String, Long> profiled(String... names) {
        var pids = new LinkedHashMap<String, Long>();
        if (apiPid > 0) {
            pids.put("api", apiPid);
        }
        if (workerPid > 0) {
            pids.put("worker", workerPid);
        }
        if (embeddedMongo) {
            pids.put("embedded-mongodb", stackPid);
        }
        pids.keySet().retainAll(List.of(names));
        return pids;
    }

    /** Pauses the worker (SIGSTOP); false when it is unknown or the signal failed. */
    /** Whether the worker is a process of this machine the benchmark knows, which it can pause. */
    boolean workerKnown() {
        return workerPid > 0;
    }

    boolean pauseWorker() throws InterruptedException {
        return workerPid > 0 && signal(workerPid, "STOP");
    }

    /** Lets a paused worker go on (SIGCONT). */
    void resumeWorker() throws InterruptedException {
        signal(workerPid, "CONT");
    }

    /** Sends a signal (STOP, CONT) to a process of the stack; false if that failed. */
    private static boolean signal(long pid, String signal) throws InterruptedException {
        try {
            var process = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                    .redirectErrorStream(true)
                    .start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid of the stack's child running {@code module}'s jar, or 0. */
    private static long child(long stackPid, String module) {
        if (stackPid <= 0) {
            return 0;
        }
        return ProcessHandle.of(stackPid).stream()
                .flatMap(ProcessHandle::children)
                .filter(p -> p.info().commandLine().orElse("").contains(module + "-"))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElse(0);
    }
}
