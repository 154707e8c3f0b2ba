package org.peertracker.localstack;

import de.bwaldvogel.mongo.MongoServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** {@code infra/up}: starts Kafka, a MongoDB-compatible server, tracker-api and tracker-worker, and stops them all. */
public final class LocalStack {

    private static final String USAGE = """
            usage: infra/up [--demo] [--apis M] [--workers N]
              --demo        also run the field simulator for org mainline: a month of history, then about 3 events/s
              --apis M      run M tracker-api instances (ports API_PORT, +2, +4, ...; default 1)
              --workers N   run N tracker-worker instances sharing the partitions (ports WORKER_PORT, +2, ...; default 1)
            environment: API_PORT, WORKER_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, MONGO_PORT, TRACKER_DATA_DIR,
                         KAFKA_BOOTSTRAP_SERVERS (use that Kafka), MONGODB_URI (use that MongoDB)""";
    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration APP_STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration KAFKA_STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String LOG_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
    /**
     * The JVMs of the API and the issuer (docs/operations.md, "Memory"): a 256 MB heap under the serial collector,
     * since G1's own structures took 42 MiB beside a heap that size and a request's garbage dies young.
     */
    public static final List<String> APP_JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    /**
     * The worker's: G1 (the JVM's default here). Under the serial collector its peak resident set did not fall
     * (470–485 MiB against 481) and it spent a fifth of its time collecting, since a batch's events outlive young
     * collections.
     */
    public static final List<String> WORKER_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");

    /** The JVM options of a service's module. */
    public static List<String> jvmOptions(String module) {
        return module.equals("tracker-worker") ? WORKER_JVM_OPTIONS : APP_JVM_OPTIONS;
    }
    /** The organisation of the dashboard link and of the demo. */
    static final String DEMO_ORG = "mainline";

    private static final Duration DASHBOARD_TOKEN_TTL = Duration.ofHours(8);

    /** The peer of the field app's link. */
    private static final String DEMO_PEER = "peer-017";
    /** The field app's public client at the local issuer. */
    private static final String FIELD_CLIENT = "peer-field";
    /** The simulator runs until the stack stops; a demo left running for days must not find its token expired. */
    private static final Duration SIMULATOR_TOKEN_TTL = Duration.ofDays(30);

    private final StackConfig config;
    private final long startedNanos;
    private final Deque<ChildProcess> children = new ArrayDeque<>();
    private ChildProcess broker;
    private ChildProcess simulator;
    private MongoServer mongo;
    /** The embedded server's key tables, kept in the data directory across restarts. */
    private KeptKeyTables keyTables;
    /** The services' database (their default, {@code MONGODB_DATABASE}). */
    private static final String DATABASE = "tracker";

    private volatile boolean stopping;

    private LocalStack(StackConfig config, long startedNanos) {
        this.config = config;
        this.startedNanos = startedNanos;
    }

    public static void main(String[] args) throws Exception {
        long startedNanos = System.nanoTime();
        boolean demo = false;
        int apis = 1;
        int workers = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--apis", "--workers" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("\\d{1,3}")) {
                        refuse(args[i] + " takes a number" + System.lineSeparator() + USAGE);
                    }
                    int count = Integer.parseInt(args[++i]);
                    if (args[i - 1].equals("--apis")) {
                        apis = count;
                    } else {
                        workers = count;
                    }
                }
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> refuse("unknown argument: " + args[i] + System.lineSeparator() + USAGE);
            }
        }
        StackConfig config = null;
        try {
            config = StackConfig.fromEnvironment(System.getenv(), Path.of("")).withInstances(apis, workers);
            config.portsToClaim();
        } catch (IllegalArgumentException e) {
            refuse(e.getMessage());
        }
        LocalStack stack = new LocalStack(config, startedNanos);
        stack.claim();
        configureLogging(config);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            if (stack.stopping) {
                return; // interrupted by Ctrl-C or infra/down: the failure is the stop itself
            }
            System.err.println("infra/up failed: " + (e instanceof IllegalStateException ? e.getMessage() : e));
            System.exit(1);
        }
        stack.printSummary();
        if (demo) {
            try {
                stack.startSimulator();
            } catch (Exception e) {
                if (stack.stopping) {
                    return;
                }
                System.err.println("infra/up: the field simulator did not start: " + e.getMessage());
            }
        }
        stack.watch();
    }

    /** Refuses to start when another stack runs or a port is taken, and otherwise records this stack's pid. */
    private void claim() throws IOException {
        Path pidFile = config.pidFile();
        String pid = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
        boolean running = pid.matches("\\d+")
                && ProcessHandle.of(Long.parseLong(pid))
                        .filter(ProcessHandle::isAlive)
                        // a reused pid is not a running stack
                        .filter(p -> p.info()
                                .commandLine()
                                .map(c -> c.contains(LocalStack.class.getName()))
                                .orElse(true))
                        .isPresent();
        if (running) {
            refuse("a local stack is already running (pid " + pid + ", " + pidFile + "); stop it with infra/down");
        }
        config.portsToClaim().forEach((port, variable) -> {
            if (!Ports.isFree(port)) {
                refuse("port " + port + " is already in use; stop whatever listens there, or choose another port with "
                        + variable + "=<port> infra/up");
            }
        });
        Files.createDirectories(config.dataDir());
        Files.writeString(pidFile, ProcessHandle.current().pid() + System.lineSeparator());
    }

    private void start() throws Exception {
        Files.createDirectories(config.logDir());
        if (config.embeddedMongo()) {
            mongo = track(() -> EmbeddedMongo.start(config.mongoPort()));
            keyTables = KeptKeyTables.restoreAndKeep(
                    config.mongoUri(), DATABASE, config.dataDir().resolve("key-tables.json"), 5);
        }
        if (config.embeddedKafka()) {
            System.out.println("starting the Kafka broker (log: " + relative(config.logDir()) + "/kafka.log)");
            broker = track(() -> KafkaBroker.start(config));
        }
        KafkaBroker.awaitReady(broker, config.kafkaBootstrap(), KAFKA_READY_TIMEOUT);
        System.out.printf("Kafka is ready at %s (%.1f s)%n", config.kafkaBootstrap(), elapsedSeconds());

        startIssuer();

        // the apis first: they create the topics the workers subscribe to
        var apiPorts = config.apiPorts();
        for (int i = 0; i < apiPorts.size(); i++) {
            startApp(
                    instanceName("api", i),
                    "tracker-api",
                    apiPorts.get(i),
                    Map.of(
                            "API_PORT", String.valueOf(apiPorts.get(i)),
                            "TRACKER_PSEUDONYMISATION_SECRET", pseudonymisationSecret(),
                            // one secret for the demo's organisations and whichever a developer's tokens name
                            "TRACKER_PSEUDONYMISATION_DERIVE_ORG_KEYS", "true",
                            // the field app signs peers in at the local issuer, as it would at an organisation's
                            "TRACKER_FIELD_ISSUER_URI", config.issuerUri(),
                            "TRACKER_FIELD_CLIENT_ID", FIELD_CLIENT));
        }
        var workerPorts = config.workerPorts();
        for (int i = 0; i < workerPorts.size(); i++) {
            startApp(
                    instanceName("worker", i),
                    "tracker-worker",
                    workerPorts.get(i),
                    Map.of("WORKER_PORT", String.valueOf(workerPorts.get(i))));
        }
    }

    /**
     * The local OpenID Connect issuer (infra/local-issuer): the demo accounts sign in at its login page; it signs their
     * tokens with the dev key, in its own name, which the services trust with the local profile.
     */
    private void startIssuer() throws Exception {
        Path jar = execJar("infra/local-issuer", "tracker-local-issuer");
        Path log = config.logDir().resolve("issuer.log");
        System.out.println("starting the local OpenID Connect issuer (log: " + relative(log) + ")");
        // the field app and the dashboard of every API instance come back to where they began
        var redirects = config.apiPorts().stream()
                .flatMap(port -> Stream.of("http://localhost:" + port + "/field/", "http://localhost:" + port + "/"))
                .toList();
        var env = Map.of(
                "ISSUER_PORT", String.valueOf(config.issuerPort()),
                "TRACKER_ISSUER_URI", config.issuerUri(),
                "TRACKER_ISSUER_SIGNING_KEY", devSigningKey().toString(),
                "TRACKER_ISSUER_ACCOUNTS", demoAccounts().toString(),
                "TRACKER_ISSUER_ORG", DEMO_ORG,
                "TRACKER_ISSUER_CLIENT_ID", FIELD_CLIENT,
                "TRACKER_ISSUER_REDIRECT_URIS", String.join(",", redirects));
        ChildProcess issuer = track(() -> ChildProcess.startJar("issuer", jar, APP_JVM_OPTIONS, env, log));
        issuer.awaitHealthy(
                URI.create("http://127.0.0.1:" + config.issuerPort() + "/actuator/health"), HEALTHY_TIMEOUT);
        System.out.printf("the issuer is ready at %s (%.1f s)%n", config.issuerUri(), elapsedSeconds());
    }

    /**
     * The demo accounts of {@code mainline}, one per role (two peers), with passwords made once and kept in the
     * secrets: {@code username=password,role[,peerId]}.
     */
    private Path demoAccounts() throws IOException {
        Path file = config.dataDir().resolve("secrets").resolve("issuer-accounts");
        if (!Files.exists(file)) {
            var random = new SecureRandom();
            var lines = new ArrayList<String>();
            lines.add("# the local issuer's demo accounts of " + DEMO_ORG + ": username=password,role[,peerId]");
            for (var account : List.of(
                    "peer-017=%s,peer,peer-017",
                    "peer-018=%s,peer,peer-018",
                    "coordinator=%s,coordinator",
                    "analyst=%s,analyst",
                    "admin=%s,admin")) {
                var bytes = new byte[9];
                random.nextBytes(bytes);
                lines.add(account.formatted(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
            }
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        }
        return file.toAbsolutePath();
    }

    /** The demo accounts as the summary prints them: {@code username / password (role)}. */
    private String accountsSummary() throws IOException {
        var lines = new ArrayList<String>();
        for (var line : Files.readAllLines(demoAccounts())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            var fields = line.substring(line.indexOf('=') + 1).split(",");
            lines.add("    " + line.substring(0, line.indexOf('=')) + " / " + fields[0] + " (" + fields[1] + ")");
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** {@code api}, {@code api-2}, ...: the first keeps the plain name (and log file) of a stack of one. */
    static String instanceName(String service, int index) {
        return index == 0 ? service : service + "-" + (index + 1);
    }

    private void startApp(String name, String module, int port, Map<String, String> env) throws Exception {
        Path jar = execJar(module);
        Path log = config.logDir().resolve(name + ".log");
        System.out.println("starting " + module + " (log: " + relative(log) + ")");
        Map<String, String> fullEnv = new HashMap<>(env);
        fullEnv.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
        fullEnv.put("MONGODB_URI", config.mongoUri());
        fullEnv.putAll(config.topicEnvironment());
        // the local profile trusts tokens signed by the dev key (infra/token), and nothing else
        fullEnv.put("SPRING_PROFILES_ACTIVE", "local");
        fullEnv.put("TRACKER_SECURITY_DEV_KEY", devSigningKey().toString());
        // and the local issuer's, signed with the same key in its own name
        fullEnv.put("TRACKER_SECURITY_LOCAL_ISSUER", config.issuerUri());
        ChildProcess app = track(() -> ChildProcess.startJar(name, jar, jvmOptions(module), fullEnv, log));
        app.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), HEALTHY_TIMEOUT);
        System.out.printf("%s is healthy (%.1f s)%n", module, elapsedSeconds());
    }

    /** Starts something only while not stopping, so that the shutdown hook sees everything it has to stop. */
    private synchronized <T> T track(Callable<T> starter) throws Exception {
        if (stopping) {
            throw new CancellationException("stopping");
        }
        T started = starter.call();
        if (started instanceof ChildProcess child) {
            children.push(child);
        }
        return started;
    }

    /** Returns when a child has exited; unless the stack is stopping anyway, that ends the stack. */
    private void watch() throws InterruptedException {
        // the simulator is not part of the system: its end ends nothing else
        List<CompletableFuture<Process>> exits = children.stream()
                .filter(c -> c != simulator)
                .map(ChildProcess::onExit)
                .toList();
        CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).join();
        // Ctrl-C reaches the children too, and one may exit a moment before our shutdown hook starts
        Thread.sleep(1000);
        if (stopping) {
            return;
        }
        ChildProcess dead = children.stream()
                .filter(c -> c != simulator && !c.isAlive())
                .findFirst()
                .orElseThrow();
        System.err.println(dead + " exited unexpectedly with code "
                + dead.exitCode().orElse(-1) + "; last lines of " + relative(dead.logFile()) + ":");
        dead.tail(30).forEach(System.err::println);
        System.exit(1);
    }

    /** The shutdown hook: the worker first, so that it never runs against a missing api, Kafka or MongoDB. */
    private void stop() {
        List<ChildProcess> toStop;
        synchronized (this) {
            stopping = true;
            toStop = new ArrayList<>(children);
        }
        System.out.println();
        try {
            for (ChildProcess child : toStop) {
                if (child.isAlive()) {
                    System.out.println("stopping " + child);
                }
                child.stop(child == broker ? KAFKA_STOP_TIMEOUT : APP_STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (keyTables != null) {
            keyTables.close();
        }
        if (mongo != null) {
            System.out.println("stopping the MongoDB-compatible server");
            mongo.shutdownNow();
        }
        // a last sweep, e.g. for a storage format still running when the stop came
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(config.pidFile());
        } catch (IOException e) {
            System.err.println("could not remove " + config.pidFile() + ": " + e.getMessage());
        }
        System.out.println("local stack stopped");
    }

    private void printSummary() throws IOException {
        String logs = relative(config.logDir()) + "/ (" + instanceLogs() + (config.embeddedKafka() ? ", kafka.log" : "")
                + (config.embeddedMongo() ? ", mongo.log)" : ")");
        String mongoNote = config.embeddedMongo()
                ? " (in memory: the worker rebuilds the views from the Kafka log at each start)"
                : "";
        System.out.printf(
                """

                Local stack is up after %.1f s.
                  API               %s
                  worker actuator   %s
                  Kafka bootstrap   %s%s
                  MongoDB           %s%s
                  data dir          %s
                  logs              %s
                  tokens            infra/token --org mainline --role coordinator   (dev key: %s)

                Dashboard of %s (a coordinator's token, valid for %d hours, in the fragment: it never reaches a server):
                  http://localhost:%d/#token=%s
                Field app of %s's peer %s (a phone-sized browser; the token likewise):
                  http://localhost:%d/field/#token=%s
                or sign in on either, http://localhost:%d/ or /field/, through the local issuer (%s) with a demo account:
                %s
                Ctrl-C or infra/down to stop.
                """,
                elapsedSeconds(),
                urls(config.apiPorts(), ""),
                urls(config.workerPorts(), "/actuator/health"),
                config.kafkaBootstrap(),
                config.embeddedKafka() ? " (its log persists in the data dir)" : "",
                config.mongoUri(),
                mongoNote,
                config.dataDir(),
                logs,
                relative(DevTokens.keyFile(config.dataDir())),
                DEMO_ORG,
                DASHBOARD_TOKEN_TTL.toHours(),
                config.apiPort(),
                coordinatorToken(DASHBOARD_TOKEN_TTL),
                DEMO_ORG,
                DEMO_PEER,
                config.apiPort(),
                peerToken(DASHBOARD_TOKEN_TTL),
                config.apiPort(),
                config.issuerUri(),
                accountsSummary());
    }

    private String instanceLogs() {
        var logs = new ArrayList<String>();
        logs.add("issuer.log");
        for (int i = 0; i < config.apis(); i++) {
            logs.add(instanceName("api", i) + ".log");
        }
        for (int i = 0; i < config.workers(); i++) {
            logs.add(instanceName("worker", i) + ".log");
        }
        return String.join(", ", logs);
    }

    private static String urls(List<Integer> ports, String path) {
        return String.join(
                "  ", ports.stream().map(p -> "http://localhost:" + p + path).toList());
    }

    /**
     * {@code --demo}: the field simulator (infra/simulator) as a child process, with a coordinator's token of
     * {@value #DEMO_ORG}: a month of history first, then live activity until the stack stops.
     */
    private void startSimulator() throws Exception {
        Path built = config.repoRoot().resolve("infra").resolve("simulator").resolve("target");
        if (!Files.isDirectory(built.resolve("classes")) || !Files.isDirectory(built.resolve("lib"))) {
            throw new IllegalStateException(
                    "infra/simulator is not built (" + relative(built) + "); infra/up builds it");
        }
        Path log = config.logDir().resolve("simulator.log");
        // the Kafka log outlives the stack: a second month of history on top of the first would double every figure
        Path historySent = config.dataDir().resolve("demo-history-sent");
        boolean sendHistory = !Files.exists(historySent);
        List<String> command = List.of(
                ChildProcess.javaExecutable(),
                "-Xmx128m",
                "-cp",
                built.resolve("classes")
                        + File.pathSeparator
                        + built.resolve("lib").resolve("*"),
                "org.peertracker.simulator.FieldSimulator",
                "--url",
                "http://127.0.0.1:" + config.apiPort(),
                "--org",
                DEMO_ORG,
                "--history",
                sendHistory ? "30" : "0",
                "--rate",
                "3");
        // the token in the environment, not on the command line, where every user of the machine could read it
        simulator = track(() -> ChildProcess.start(
                "field simulator", command, Map.of("TRACKER_TOKEN", coordinatorToken(SIMULATOR_TOKEN_TTL)), log));
        simulator.onExit().thenRun(() -> {
            if (!stopping) {
                System.err.println("the field simulator stopped (exit code "
                        + simulator.exitCode().orElse(-1) + "); the stack goes on. Last lines of " + relative(log)
                        + ":");
                simulator.tail(10).forEach(System.err::println);
            }
        });
        if (sendHistory) {
            Files.writeString(historySent, Instant.now() + System.lineSeparator());
            System.out.println("demo: the field simulator sends a month of history for " + DEMO_ORG
                    + ", then about 3 events/s (log: " + relative(log) + ")");
        } else {
            System.out.println(
                    "demo: the field simulator sends about 3 events/s for " + DEMO_ORG + "; its history was sent "
                            + "to this Kafka log before (delete " + relative(historySent) + " to send another month)"
                            + " (log: " + relative(log) + ")");
        }
    }

    private String peerToken(Duration ttl) {
        var now = Instant.now();
        return DevTokens.sign(
                DevTokens.loadOrCreateKey(devSigningKey()), DEMO_ORG, "peer", DEMO_PEER, now, now.plus(ttl));
    }

    private String coordinatorToken(Duration ttl) {
        var now = Instant.now();
        return DevTokens.sign(
                DevTokens.loadOrCreateKey(devSigningKey()), DEMO_ORG, "coordinator", null, now, now.plus(ttl));
    }

    private Path execJar(String module) throws IOException {
        return execJar(module, module);
    }

    /** The newest runnable jar of the module at {@code dir}, whose artifact is {@code artifact}. */
    private Path execJar(String dir, String artifact) throws IOException {
        String module = artifact;
        Path target = config.repoRoot().resolve(dir).resolve("target");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> found = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
                found.forEach(jars::add);
            }
        }
        // the newest, in case jars of older versions are still lying around
        return jars.stream()
                .max(Comparator.comparing(LocalStack::lastModified))
                .orElseThrow(() -> new IllegalStateException(
                        "no " + module + "-*-exec.jar in " + target + "; infra/up builds it"));
    }

    /** Made once and kept, beside the pseudonymisation secret: tokens minted before a restart stay valid. */
    private Path devSigningKey() {
        Path file = DevTokens.keyFile(config.dataDir());
        DevTokens.loadOrCreateKey(file);
        return file.toAbsolutePath();
    }

    /** Made once and kept: the client references already in Kafka's log were derived from it. */
    private String pseudonymisationSecret() throws IOException {
        Path file = config.dataDir().resolve("secrets").resolve("pseudonymisation.key");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(
                file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = Base64.getEncoder().encodeToString(key);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + System.lineSeparator());
        return secret;
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private Path relative(Path path) {
        return path.startsWith(config.repoRoot()) ? config.repoRoot().relativize(path) : path;
    }

    private static long lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Keeps the console for the summary: the in-process MongoDB-compatible server logs to a file. Must run before
     * the first logger exists.
     */
    private static void configureLogging(StackConfig config) throws IOException {
        // the admin client's connection warnings while the broker starts say nothing that our own messages do not
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "off");
        if (config.embeddedMongo()) {
            Files.createDirectories(config.logDir());
            System.setProperty(
                    "org.slf4j.simpleLogger.logFile",
                    config.logDir().resolve("mongo.log").toString());
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", LOG_TIME_FORMAT);
        }
    }

    private static void refuse(String message) {
        System.err.println("infra/up: " + message);
        System.exit(2);
    }
}
