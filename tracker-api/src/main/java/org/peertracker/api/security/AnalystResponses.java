package org.peertracker.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer to an analyst about an organisation passes here: one of an aggregate view declared with
 * {@link SmallCounts} goes out with only the fields declared, ids as aliases and small counts suppressed; any other
 * (which the access rules should never have let through) is refused, so that a view added later without a
 * declaration fails closed rather than leaking.
 */
@ControllerAdvice
class AnalystResponses implements ResponseBodyAdvice<Object> {

    private static final Logger log = LoggerFactory.getLogger(AnalystResponses.class);

    private final JsonMapper mapper;

    AnalystResponses(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (body == null
                || body instanceof ProblemDetail
                || authentication == null
                || !(authentication.getPrincipal() instanceof Caller caller)
                || !caller.is(Caller.Role.ANALYST)
                // what is open to anyone (schemas, API docs, health) holds no organisation's data
                || !request.getURI().getPath().startsWith("/api/v1/orgs/")) {
            return body;
        }
        var rules = returnType.getMethodAnnotation(SmallCounts.class);
        if (rules == null) {
            log.error("an analyst's answer from {} declares no @SmallCounts: refused", returnType.getMethod());
            throw new IllegalStateException("not an aggregate view");
        }
        return forAnalyst(mapper.valueToTree(body), rules);
    }

    /**
     * An answer as an analyst gets it: only the fields its declaration allows, ids as aliases, small counts
     * suppressed. In that order, so that the suppression sees just what will be shown.
     */
    static JsonNode forAnalyst(JsonNode answer, SmallCounts rules) {
        AnalystFields.retain(answer, rules);
        AnalystFields.alias(answer, rules);
        SmallCountSuppression.apply(answer, rules);
        return answer;
    }
}
