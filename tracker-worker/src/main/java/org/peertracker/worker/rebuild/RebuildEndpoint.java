package org.peertracker.worker.rebuild;

import java.util.Map;
import org.peertracker.worker.mongo.LeaseTaken;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/rebuilds}: the last rebuild of every family, whichever instance ran it; {@code POST
 * /actuator/rebuilds/{family}}: rebuild one view family (a platform operator only), or 409 naming the rebuild of it
 * that runs already anywhere.
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
    WebEndpointResponse<Object> rebuild(@Selector String family) {
        try {
            return new WebEndpointResponse<>(rebuilds.start(family), WebEndpointResponse.STATUS_OK);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), "family must name a view family");
        } catch (Rebuilds.RebuildRunning e) {
            return new WebEndpointResponse<>(
                    LeaseTaken.problem("Rebuild running", e.getMessage(), "one-rebuild-per-family", e.running()),
                    LeaseTaken.STATUS);
        }
    }
}
