package org.peertracker.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A single-node KRaft Apache Kafka broker run as a child process, its log kept under the data directory. */
public final class KafkaBroker {

    private KafkaBroker() {}

    /**
     * A broker of its own, e.g. for a fault test or a benchmark: its storage under {@code dataDir/kafka} (formatted on
     * first use, kept across stops, so that a start on the same directory and ports finds its log again), its output
     * in {@code dataDir/logs/kafka.log}, run on this JVM's class path with {@code jvmOptions} added.
     */
    public static ChildProcess start(Path dataDir, int port, int controllerPort, List<String> jvmOptions)
            throws IOException, InterruptedException {
        return start(
                new StackConfig(dataDir, dataDir, 0, 0, port, controllerPort, 0, null, null, 1, 1, 1, 1, 0),
                jvmOptions);
    }

    /** Writes the configuration, formats the storage on first use and starts the broker. */
    static ChildProcess start(StackConfig config) throws IOException, InterruptedException {
        return start(config, List.of());
    }

    private static ChildProcess start(StackConfig config, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Path dir = config.dataDir().resolve("kafka");
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path properties = dir.resolve("server.properties");
        // rewritten at every start so that changed ports take effect; the data stays
        Files.writeString(properties, serverProperties(config, data), StandardCharsets.UTF_8);
        Path log = config.logDir().resolve("kafka.log");
        String classpath = System.getProperty("java.class.path");

        if (!Files.exists(data.resolve("meta.properties"))) {
            ChildProcess format = ChildProcess.start(
                    "kafka storage format",
                    List.of(
                            ChildProcess.javaExecutable(),
                            "-cp",
                            classpath,
                            "kafka.tools.StorageTool",
                            "format",
                            "-t",
                            clusterId(dir),
                            "-c",
                            properties.toString()),
                    Map.of(),
                    log);
            if (!format.waitFor(Duration.ofSeconds(60)) || format.exitCode().orElse(-1) != 0) {
                format.stop(Duration.ofSeconds(5));
                throw new IllegalStateException("formatting Kafka storage failed; last lines of " + log + ":"
                        + System.lineSeparator() + String.join(System.lineSeparator(), format.tail(30)));
            }
        }
        List<String> command = new ArrayList<>(List.of(
                ChildProcess.javaExecutable(),
                "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=" + LocalStack.LOG_TIME_FORMAT));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "kafka.Kafka", properties.toString()));
        return ChildProcess.start("kafka broker", command, Map.of(), log);
    }

    /** Waits until the broker answers a metadata request, or fails with the end of its log. */
    public static void awaitReady(ChildProcess broker, String bootstrap, Duration timeout) throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (broker != null && !broker.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited with code "
                            + broker.exitCode().orElse(-1) + "; last lines of " + broker.logFile() + ":"
                            + System.lineSeparator() + String.join(System.lineSeparator(), broker.tail(30)));
                }
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notReadyYet) {
                    // expected while the broker starts
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within "
                            + timeout.toSeconds() + " s" + (broker == null ? "" : "; see " + broker.logFile()));
                }
                Thread.sleep(250);
            }
        }
    }

    private static String serverProperties(StackConfig config, Path data) {
        String controller = "127.0.0.1:" + config.kafkaControllerPort();
        String broker = "127.0.0.1:" + config.kafkaPort();
        return """
                # written by infra/up at every start (see KafkaBroker.java): edits here are overwritten
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%s
                controller.listener.names=CONTROLLER
                listeners=PLAINTEXT://%s,CONTROLLER://%s
                advertised.listeners=PLAINTEXT://%s
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                num.partitions=6
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                auto.create.topics.enable=false
                log.retention.ms=-1
                group.initial.rebalance.delay.ms=0
                """.formatted(controller, broker, controller, broker, data);
    }

    private static String clusterId(Path dir) throws IOException {
        Path file = dir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + System.lineSeparator());
        return id;
    }
}
