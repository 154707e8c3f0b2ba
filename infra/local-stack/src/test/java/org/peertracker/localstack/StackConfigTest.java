package org.peertracker.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    @Test
    void hasTheServicesCreateTopicsOfOneReplicaForTheOneLocalBroker() {
        var config = StackConfig.fromEnvironment(Map.of(), Path.of("."));

        assertThat(config.topicEnvironment())
                .isEqualTo(Map.of(
                        "TRACKER_TOPICS_REPLICATION_FACTOR", "1",
                        "TRACKER_TOPICS_MIN_INSYNC_REPLICAS", "1"));
    }

    @Test
    void passesOnMoreReplicasForAKafkaOfMoreBrokers() {
        var config = StackConfig.fromEnvironment(
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092,k3:9092",
                        "TRACKER_TOPICS_REPLICATION_FACTOR", "3",
                        "TRACKER_TOPICS_MIN_INSYNC_REPLICAS", "2"),
                Path.of("."));

        assertThat(config.topicEnvironment())
                .isEqualTo(Map.of(
                        "TRACKER_TOPICS_REPLICATION_FACTOR", "3",
                        "TRACKER_TOPICS_MIN_INSYNC_REPLICAS", "2"));
    }

    @Test
    void refusesAReplicationFactorThatIsNoCountNamingTheVariable() {
        assertThatThrownBy(() ->
                        StackConfig.fromEnvironment(Map.of("TRACKER_TOPICS_REPLICATION_FACTOR", "0"), Path.of(".")))
                .hasMessageStartingWith("TRACKER_TOPICS_REPLICATION_FACTOR must be");
    }

    @Test
    void givesSeveralApisAndWorkersPortsInSequenceAndClaimsThemAll() {
        var config = StackConfig.fromEnvironment(Map.of(), Path.of(".")).withInstances(2, 3);

        assertThat(config.apiPorts()).containsExactly(8080, 8082);
        assertThat(config.workerPorts()).containsExactly(8081, 8083, 8085);
        assertThat(config.portsToClaim().keySet()).contains(8080, 8081, 8082, 8083, 8085);
        assertThat(LocalStack.instanceName("worker", 0)).isEqualTo("worker");
        assertThat(LocalStack.instanceName("worker", 2)).isEqualTo("worker-3");
    }

    @Test
    void refusesPortsOfTwoInstancesThatMeet() {
        var config = StackConfig.fromEnvironment(Map.of("API_PORT", "9100", "WORKER_PORT", "9102"), Path.of("."))
                .withInstances(2, 1);

        assertThatThrownBy(config::portsToClaim).hasMessageContaining("9102");
        assertThatThrownBy(() -> config.withInstances(0, 1)).hasMessageContaining("--apis and --workers");
    }
}
