package org.peertracker.api.exports;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peertracker.api.security.SmallCounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The {@link SmallCounts} declaration of a JSON read, found by its path: an export of the same view shapes an
 * analyst's rows by the very declaration the JSON answer is shaped by, so the two cannot drift apart.
 */
@Component
class Declarations {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final Map<String, SmallCounts> found = new ConcurrentHashMap<>();

    Declarations(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /**
     * The declaration of {@code GET path} (a pattern as mapped, e.g. {@code /api/v1/orgs/{orgId}/outreach/daily});
     * none is an error: an analyst's export of a view without one is refused, as its JSON answer is.
     */
    SmallCounts of(String path) {
        return found.computeIfAbsent(path, this::lookUp);
    }

    private SmallCounts lookUp(String path) {
        return mappings.getObject().getHandlerMethods().entrySet().stream()
                .filter(e -> e.getKey().getPatternValues().contains(path))
                .filter(e -> e.getKey().getMethodsCondition().getMethods().isEmpty()
                        || e.getKey().getMethodsCondition().getMethods().contains(RequestMethod.GET))
                .map(e -> e.getValue().getMethodAnnotation(SmallCounts.class))
                .filter(rules -> rules != null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no @SmallCounts declared for GET " + path));
    }
}
