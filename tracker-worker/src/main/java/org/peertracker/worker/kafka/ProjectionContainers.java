package org.peertracker.worker.kafka;

import java.util.List;
import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.GuardedWriter;
import org.peertracker.worker.mongo.Positions;
import org.peertracker.worker.projection.Projector;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.stereotype.Component;

/** One listener container per projector, each in its own consumer group {@code <prefix>.<projector>}. */
@Component
public class ProjectionContainers implements SmartLifecycle {

    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers;
    private volatile boolean running;

    ProjectionContainers(List<Projector> projectors, ConsumerFactory<String, byte[]> projectionConsumerFactory,
            GuardedWriter writer, Positions positions, EventClaims claims, CommonErrorHandler projectionErrorHandler,
            ProjectionProperties properties) {
        this.containers = projectors.stream().map(projector -> {
            var container = new ConcurrentMessageListenerContainer<>(projectionConsumerFactory,
                    containerProperties(projector, writer, positions, claims, properties));
            container.setCommonErrorHandler(projectionErrorHandler);
            container.setConcurrency(properties.concurrency());
            container.setBeanName("projection-" + projector.name());
            return container;
        }).toList();
    }

    private ContainerProperties containerProperties(Projector projector, GuardedWriter writer, Positions positions,
            EventClaims claims, ProjectionProperties properties) {
        var props = new ContainerProperties(projector.topics().toArray(String[]::new));
        props.setGroupId(properties.groupPrefix() + "." + projector.name());
        props.setMessageListener(new ProjectionListener(projector, writer, positions, claims, this::isRunning));
        props.setAckMode(ContainerProperties.AckMode.BATCH);
        return props;
    }

    @Override
    public void start() {
        running = true;
        containers.forEach(ConcurrentMessageListenerContainer::start);
    }

    @Override
    public void stop() {
        running = false;
        containers.forEach(ConcurrentMessageListenerContainer::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
