package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Topics;
import org.peertracker.localstack.ChildProcess;
import org.peertracker.localstack.EmbeddedMongo;
import org.peertracker.localstack.KafkaBroker;
import org.peertracker.testing.TestInfrastructure;

/**
 * The Kafka broker stopped under a stream of posts and started again on the same ports and data: while it is down
 * the intake answers 503 and never 202; afterwards the intake and the worker recover by themselves, and the set of
 * acknowledged events equals the set in the activity log, with no duplicates.
 */
class BrokerStoppedIT {

    private static final String ORG = "broker-stopped";

    @Test
    void answers503WhileTheBrokerIsDownAndLosesNothingOnceItIsBack() throws Exception {
        var dataDir = Files.createTempDirectory("broker-stopped");
        int port = ServicesUnderTest.freePort();
        int controllerPort = ServicesUnderTest.freePort();
        var bootstrap = "127.0.0.1:" + port;
        var broker = startBroker(dataDir, port, controllerPort);
        FieldApp field = null;
        try (var mongo = EmbeddedMongo.restartable(0)) {
            KafkaBroker.awaitReady(broker, bootstrap, Duration.ofSeconds(60));
            TestInfrastructure.ensureTopics(bootstrap, 3, Topics.EVENT_TOPICS);
            try (var services = ServicesUnderTest.start("broker-stopped", bootstrap, mongo.connectionString())) {
                field = new FieldApp(services.api(), ORG);
                field.start();
                await().atMost(Duration.ofSeconds(60))
                        .ignoreExceptions()
                        .until(() -> logged(mongo).size() >= 200);

                broker.stop(Duration.ofSeconds(30));
                long down = System.nanoTime();
                var whileDown = field;
                await().atMost(Duration.ofSeconds(60)).until(() -> whileDown.answeredAfter(down, 503) >= 2);
                long restarting = System.nanoTime();
                broker = startBroker(dataDir, port, controllerPort);
                KafkaBroker.awaitReady(broker, bootstrap, Duration.ofSeconds(60));

                var duringOutage = field.answersWithin(down, restarting);
                System.out.printf(
                        "BrokerStoppedIT: broker down %.1f s, answers meanwhile: %s%n",
                        (restarting - down) / 1e9,
                        duringOutage.stream()
                                .collect(java.util.stream.Collectors.groupingBy(
                                        FieldApp.Answer::status,
                                        TreeMap::new,
                                        java.util.stream.Collectors.counting())));
                assertThat(duringOutage)
                        .isNotEmpty()
                        .allSatisfy(a -> assertThat(a.status()).isEqualTo(503));
                var recovered = field;
                await().atMost(Duration.ofSeconds(60)).until(() -> recovered.answeredAfter(restarting, 202) >= 3);
                var acknowledged = field.settle(Duration.ofSeconds(60));
                var logged = LoggedEvents.awaitEqualTo(acknowledged, () -> logged(mongo), Duration.ofSeconds(60));
                System.out.printf(
                        "BrokerStoppedIT: %d events acknowledged (%d requests not answered 202 along the way), %d logged%n",
                        acknowledged.size(),
                        field.answers().stream().filter(a -> a.status() != 202).count(),
                        logged.size());
                // the outreach views are another family than the activity log: they catch up on their own
                field.awaitDailyFigures(Duration.ofSeconds(60));
            } finally {
                if (field != null) {
                    field.stop();
                }
            }
        } finally {
            broker.stop(Duration.ofSeconds(30));
        }
    }

    private static List<String> logged(EmbeddedMongo.Restartable mongo) {
        return LoggedEvents.of(mongo.connectionString(), ServicesUnderTest.DATABASE, ORG);
    }

    private static ChildProcess startBroker(Path dataDir, int port, int controllerPort) throws Exception {
        // the test class path holds logback, whose default would log the broker at DEBUG
        var logback = dataDir.resolve("logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="out"/></root>
                  <logger name="kafka.server" level="INFO"/>
                </configuration>
                """);
        return KafkaBroker.start(
                dataDir,
                port,
                controllerPort,
                List.of("-Xmx256m", "-Dlogback.configurationFile=" + logback.toAbsolutePath()));
    }
}
