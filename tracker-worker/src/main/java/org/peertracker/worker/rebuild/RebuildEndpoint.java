package org.peertracker.worker.rebuild;

import java.util.LinkedHashMap;
import java.util.Map;
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
            var problem = new LinkedHashMap<String, Object>();
            problem.put("type", "about:blank");
            problem.put("title", "Rebuild running");
            problem.put("status", 409);
            problem.put("detail", e.getMessage());
            problem.put("rule", "one-rebuild-per-family");
            problem.put("running", e.running());
            return new WebEndpointResponse<>(problem, 409);
        }
    }
}
