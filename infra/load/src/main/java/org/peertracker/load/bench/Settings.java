package org.peertracker.load.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.peertracker.load.RebuildEvents;

/**
 * What {@code infra/bench} asked for: the phase, how long to run, the system to measure, and the tokens to measure
 * it with.
 *
 * @param phase    {@code intake} (step 1 and the memory it took), then, each on a fresh stack, {@code privacy} (what
 *                 the pseudonyms and sealed texts cost the intake, step 1's last part), {@code projection},
 *                 {@code latency} (step 3 at shares of the sustained rate), {@code overload} (step 3 at shares of the
 *                 maximum intake) and {@code rebuild} (step 4), carrying on the report in {@code out}; or {@code all}
 *                 (every step on one system)
 * @param stackPid the pid of the launcher of a local stack the benchmark started, or 0 for a running system
 * @param order    the order of the outreach events steps 2 and 4 write ({@code --order field|uniform}; field)
 */
record Settings(
        String phase,
        boolean table,
        Plan plan,
        String api,
        String worker,
        String kafka,
        String mongo,
        String groupPrefix,
        long stackPid,
        Path out,
        boolean profile,
        RebuildEvents.Order order,
        String loadToken,
        String probeToken,
        String adminToken) {

    static final List<String> PHASES =
            List.of("all", "intake", "privacy", "projection", "latency", "overload", "rebuild");

    static Settings parse(String[] args, Map<String, String> env) {
        var values = new TreeMap<String, String>(Map.of(
                "api",
                "http://127.0.0.1:18080",
                "worker",
                "http://127.0.0.1:18081",
                "kafka",
                "127.0.0.1:19092",
                "mongo",
                "mongodb://127.0.0.1:27118",
                "group-prefix",
                "tracker-worker",
                "stack-pid",
                "0",
                "out",
                "target/bench/results.json"));
        String phase = "all";
        boolean table = false;
        boolean quick = false;
        boolean profile = true;
        var order = RebuildEvents.Order.FIELD;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-profile" -> profile = false;
                case "--table" -> table = true;
                case "--order" -> order = RebuildEvents.Order.of(i + 1 < args.length ? args[++i] : "");
                case "--phase" -> {
                    phase = i + 1 < args.length ? args[++i] : "";
                    if (!PHASES.contains(phase)) {
                        throw new IllegalArgumentException(
                                "--phase must be all, intake, privacy, projection, latency, overload or rebuild");
                    }
                }
                default -> {
                    var name = args[i].startsWith("--") ? args[i].substring(2) : "";
                    if (!values.containsKey(name) || i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + "; options: --quick, --no-profile, --phase, --table, --order, "
                                + values.keySet().stream().map(k -> "--" + k).toList());
                    }
                    values.put(name, args[++i]);
                }
            }
        }
        return new Settings(
                phase,
                table || phase.equals("all"),
                Plan.of(quick),
                strip(values.get("api")),
                strip(values.get("worker")),
                values.get("kafka"),
                values.get("mongo"),
                values.get("group-prefix"),
                Long.parseLong(values.get("stack-pid")),
                Path.of(values.get("out")),
                profile,
                order,
                require(env, "BENCH_LOAD_TOKEN"),
                require(env, "BENCH_PROBE_TOKEN"),
                require(env, "BENCH_ADMIN_TOKEN"));
    }

    private static String require(Map<String, String> env, String name) {
        var value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (infra/bench mints it with infra/token)");
        }
        return value.trim();
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
