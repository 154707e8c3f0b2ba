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
}
