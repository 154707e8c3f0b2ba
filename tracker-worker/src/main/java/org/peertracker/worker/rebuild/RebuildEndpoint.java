package org.peertracker.worker.rebuild;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/rebuilds}: progress of every rebuild since start-up; {@code POST /actuator/rebuilds/{family}}:
 * rebuild one view family (a platform operator only).
 */
@Component
@Endpoint(id = "rebuilds")
class RebuildEndpoint {

    private final Rebuilds rebuilds;

    RebuildEndpoint(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @ReadOperation
    Map<String, RebuildProgress> progress() {
        return rebuilds.progress();
    }

    @WriteOperation
    RebuildProgress rebuild(@Selector String family) {
        return rebuilds.start(family);
    }
}
