package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests (infra/k8s), checked without a cluster: every document is of a kind and API version the
 * cluster serves, the kustomization names every manifest, and the pieces fit each other and the services — selectors
 * match the pods, probes ask the services' actuator paths on their port, every container has its resources, every
 * variable taken from the ConfigMap or the Secret is there, and no budget keeps every instance from being moved.
 */
class DeploymentManifestsTest {

    static final Path DIR = Path.of("..", "k8s");
    static final YAMLMapper YAML = new YAMLMapper();
    static final Map<String, String> API_VERSIONS = Map.of(
            "Namespace", "v1",
            "ConfigMap", "v1",
            "Secret", "v1",
            "Service", "v1",
            "Deployment", "apps/v1",
            "PodDisruptionBudget", "policy/v1");
    /** The services' ports as their application.yml sets them. */
    static final Map<String, Integer> PORTS = Map.of("tracker-api", 8080, "tracker-worker", 8081);

    @Test
    void holdsOnlyKindsTheClusterServesEachNamed() {
        for (var doc : all()) {
            var kind = doc.path("kind").asString();
            assertThat(API_VERSIONS).as("kinds").containsKey(kind);
            assertThat(doc.path("apiVersion").asString()).as(kind).isEqualTo(API_VERSIONS.get(kind));
            assertThat(doc.path("metadata").path("name").asString())
                    .as(kind + " name")
                    .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        }
    }

    @Test
    void appliesEveryManifestButTheSecretsExample() throws IOException {
        var kustomization = read(DIR.resolve("kustomization.yaml")).getFirst();
        var listed = new HashSet<String>();
        kustomization.path("resources").forEach(r -> listed.add(r.asString()));
        try (Stream<Path> files = Files.list(DIR)) {
            var manifests = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .filter(name -> !name.endsWith(".example.yaml"))
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void runsEachServiceWithProbesResourcesAndSettingsThatExist() {
        var config = keys("ConfigMap", "peer-tracker");
        var secret = keys("Secret", "peer-tracker");
        var deployments = of("Deployment");
        assertThat(deployments)
                .extracting(d -> d.path("metadata").path("name").asString())
                .containsExactlyInAnyOrderElementsOf(PORTS.keySet());
        for (var deployment : deployments) {
            var name = deployment.path("metadata").path("name").asString();
            var spec = deployment.path("spec");
            var labels = spec.path("template").path("metadata").path("labels");
            spec.path("selector")
                    .path("matchLabels")
                    .properties()
                    .forEach(label -> assertThat(labels.path(label.getKey()).asString())
                            .as(name + " selects its own pods")
                            .isEqualTo(label.getValue().asString()));
            assertThat(spec.path("replicas").asInt()).as(name + " replicas").isGreaterThanOrEqualTo(2);
            var container =
                    spec.path("template").path("spec").path("containers").get(0);
            var port = container.path("ports").get(0);
            assertThat(port.path("containerPort").asInt()).as(name + " port").isEqualTo(PORTS.get(name));
            assertThat(container
                            .path("livenessProbe")
                            .path("httpGet")
                            .path("path")
                            .asString())
                    .isEqualTo("/actuator/health/liveness");
            assertThat(container
                            .path("readinessProbe")
                            .path("httpGet")
                            .path("path")
                            .asString())
                    .isEqualTo("/actuator/health/readiness");
            for (var probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(container.path(probe).path("httpGet").path("port").asString())
                        .as(name + " " + probe)
                        .isEqualTo(port.path("name").asString());
            }
            var resources = container.path("resources");
            assertThat(resources.path("requests").has("cpu"))
                    .as(name + " cpu request")
                    .isTrue();
            assertThat(resources.path("requests").has("memory"))
                    .as(name + " memory request")
                    .isTrue();
            assertThat(resources.path("limits").has("memory"))
                    .as(name + " memory limit")
                    .isTrue();
            assertThat(container
                            .path("securityContext")
                            .path("readOnlyRootFilesystem")
                            .asBoolean())
                    .isTrue();
            container
                    .path("envFrom")
                    .forEach(from -> assertThat(
                                    from.path("configMapRef").path("name").asString())
                            .isEqualTo("peer-tracker"));
            container.path("env").forEach(variable -> {
                var ref = variable.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(ref.path("name").asString()).isEqualTo("peer-tracker");
                    assertThat(secret)
                            .as(name + " takes from the Secret")
                            .contains(ref.path("key").asString());
                }
            });
            assertThat(config).as("the ConfigMap").contains("KAFKA_BOOTSTRAP_SERVERS");

            var service = named("Service", name);
            assertThat(service.path("spec").path("selector"))
                    .isEqualTo(spec.path("selector").path("matchLabels"));
            assertThat(service.path("spec")
                            .path("ports")
                            .get(0)
                            .path("targetPort")
                            .asString())
                    .isEqualTo(port.path("name").asString());

            var budget = named("PodDisruptionBudget", name);
            assertThat(budget.path("spec").path("selector")).isEqualTo(spec.path("selector"));
            assertThat(budget.path("spec").path("minAvailable").asInt())
                    .as(name + " budget lets an instance move")
                    .isLessThan(spec.path("replicas").asInt());
        }
    }

    // ---- reading the manifests

    private static List<JsonNode> all() {
        var docs = new ArrayList<JsonNode>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .forEach(f -> docs.addAll(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(docs).isNotEmpty();
        return docs;
    }

    private static List<JsonNode> of(String kind) {
        return all().stream()
                .filter(d -> kind.equals(d.path("kind").asString()))
                .toList();
    }

    private static JsonNode named(String kind, String name) {
        return of(kind).stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Set<String> keys(String kind, String name) {
        var doc = named(kind, name);
        var data = doc.has("stringData") ? doc.path("stringData") : doc.path("data");
        var keys = new HashSet<String>();
        data.properties().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    private static List<JsonNode> read(Path file) {
        try (var parser = YAML.createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(doc -> doc != null && !doc.isNull() && !doc.isMissingNode())
                    .toList();
        }
    }
}
