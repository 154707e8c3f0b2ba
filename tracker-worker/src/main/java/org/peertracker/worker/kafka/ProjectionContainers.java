package org.peertracker.worker.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.peertracker.worker.projection.BatchTraces;
import org.peertracker.worker.projection.ProjectionListener;
import org.peertracker.worker.projection.ProjectionMeters;
import org.peertracker.worker.projection.ProjectionStore;
import org.peertracker.worker.projection.ProjectionTarget;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewGenerations;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.stereotype.Component;

/**
 * The listener containers of the projections: one live container per view family, in its own consumer group
 * {@code <prefix>.<family>}, writing the family's current generation; and, during a rebuild, a second container
 * writing the next generation.
 */
@Component
public class ProjectionContainers implements SmartLifecycle {

    private final Map<String, Projector> projectors;
    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final ProjectionStore store;
    private final ViewGenerations generations;
    private final DeadLetters deadLetters;
    private final ViewChanges changes;
    private final ProjectionProperties properties;
    private final MeterRegistry registry;
    private final BatchTraces traces;
    private final Map<String, ConcurrentMessageListenerContainer<String, byte[]>> live = new LinkedHashMap<>();
    private volatile boolean running;

    ProjectionContainers(
            List<Projector> projectors,
            ConsumerFactory<String, byte[]> projectionConsumerFactory,
            ProjectionStore store,
            ViewGenerations generations,
            DeadLetters deadLetters,
            ViewChanges changes,
            ProjectionProperties properties,
            MeterRegistry registry,
            BatchTraces traces) {
        this.registry = registry;
        this.traces = traces;
        this.store = store;
        this.projectors = projectors.stream()
                .collect(Collectors.toMap(Projector::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        this.consumerFactory = projectionConsumerFactory;
        this.generations = generations;
        this.deadLetters = deadLetters;
        this.changes = changes;
        this.properties = properties;
    }

    public Projector projector(String family) {
        var projector = projectors.get(family);
        if (projector == null) {
            throw new IllegalArgumentException("no view family '" + family + "'; known: " + projectors.keySet());
        }
        return projector;
    }

    public Set<String> families() {
        return projectors.keySet();
    }

    /** A container that feeds the target's collections, not yet started; it tells dashboards if {@code live}. */
    public ConcurrentMessageListenerContainer<String, byte[]> container(
            Projector projector, ProjectionTarget target, String groupId, boolean live) {
        var props = new ContainerProperties(projector.topics().toArray(String[]::new));
        props.setGroupId(groupId);
        // the client id names the family in the Kafka clients' metrics and logs
        props.setClientId(groupId);
        var listener = new ProjectionListener(
                projector,
                target,
                store,
                live ? changes : null,
                this::isRunning,
                live ? () -> generations.current(projector.name()) : null,
                ProjectionMeters.of(registry, projector.name(), live),
                traces);
        props.setMessageListener(listener);
        props.setAckMode(ContainerProperties.AckMode.BATCH);
        if (!live) {
            var consumer = new Properties();
            consumer.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(properties.rebuildBatch()));
            props.setKafkaConsumerProperties(consumer);
        }
        var container = new ConcurrentMessageListenerContainer<>(consumerFactory, props);
        container.setCommonErrorHandler(deadLetters.handlerFor(listener::target));
        container.setConcurrency(live ? properties.concurrency() : properties.rebuildConcurrency());
        container.setBeanName("projection-" + target.key());
        return container;
    }

    public String groupOf(String family) {
        return properties.groupPrefix() + "." + family;
    }

    /** Starts the family's live container on its current generation, unless it runs already. */
    public synchronized void startLive(String family) {
        if (live.containsKey(family)) {
            return;
        }
        var container = container(projector(family), generations.current(family), groupOf(family), true);
        live.put(family, container);
        container.start();
    }

    public synchronized void stopLive(String family) {
        var container = live.remove(family);
        if (container != null) {
            container.stop();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        projectors.keySet().forEach(this::startLive);
    }

    @Override
    public synchronized void stop() {
        running = false;
        List.copyOf(live.keySet()).forEach(this::stopLive);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
