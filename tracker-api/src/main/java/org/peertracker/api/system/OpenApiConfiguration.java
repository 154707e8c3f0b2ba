package org.peertracker.api.system;

import static org.springframework.http.MediaType.ALL_VALUE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
import static org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}): the bearer token, and every
 * operation's error answers as RFC 9457 problem details ({@value #PROBLEM}), so that a generated client knows them.
 * Which errors an operation can answer follows from its handler: 401 and 403 for an organisation's data (a path with
 * {@code orgId}), 400 for one that takes query parameters or a body, 404 for one that names something by id, 503 for
 * one that reads the views or writes through Kafka. Operations add their own (the intake's, the live stream's 429).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** The name of the problem details schema. */
    public static final String PROBLEM = "Problem";

    static final String BEARER = "bearer";
    /** The path variable of every organisation's operation. */
    static final String ORG_ID = "orgId";

    @Bean
    OpenApiCustomizer apiDocumentation() {
        return openApi -> {
            openApi.info(
                    new Info().title("Peer activity tracker API").version("v1").description("""
                    Field apps log peer activities (support, outreach, campaigning, involvement) as events; \
                    dashboards read the views. Client codes are pseudonymised before anything is stored; \
                    never send names. Every error is answered as RFC 9457 problem details \
                    (application/problem+json) that name the field or parameter and the rule."""));
            if (openApi.getComponents() == null) {
                openApi.components(new Components());
            }
            // every /api/v1/orgs/... call needs a bearer token (README, "Security"); the others say they need none
            openApi.getComponents()
                    .addSecuritySchemes(
                            BEARER,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("JWT"));
            openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
            openApi.getComponents().addSchemas(PROBLEM, problem());
        };
    }

    @Bean
    OperationCustomizer problemAnswers() {
        return (operation, handler) -> {
            boolean inOrg = pathVariables(handler).anyMatch(ORG_ID::equals);
            boolean namesSomething = pathVariables(handler).anyMatch(name -> !name.equals(ORG_ID));
            boolean takesInput = Arrays.stream(handler.getMethodParameters())
                            .anyMatch(p -> p.hasParameterAnnotation(RequestParam.class)
                                    || p.hasParameterAnnotation(RequestBody.class))
                    || operation.getRequestBody() != null;
            var responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
            operation.responses(responses);
            if (takesInput) {
                answer(
                        responses,
                        "400",
                        "A parameter or the body is malformed or out of range: `field` names it, "
                                + "`rule` the rule it breaks (e.g. `max-range`)");
            }
            if (inOrg) {
                answer(responses, "401", "No bearer token, or one not valid (expired, or not from the issuer)");
                answer(responses, "403", "The token's organisation or role does not allow this request");
            } else {
                operation.security(List.of());
            }
            if (namesSomething) {
                answer(
                        responses,
                        "404",
                        "Nothing with this id here (in this organisation, and for a peer among "
                                + "its own): `field` names the parameter");
            }
            if (inOrg && !streams(handler)) {
                answer(
                        responses,
                        "503",
                        "The views (or, for the intake, Kafka) cannot be reached just now; "
                                + "try again after Retry-After");
            }
            responses.forEach((status, response) -> {
                // every error is answered as problem details (ProblemDetailsAdvice, SecurityProblems)
                if (status.charAt(0) >= '4'
                        && (response.getContent() == null
                                || !response.getContent().containsKey(APPLICATION_PROBLEM_JSON_VALUE))) {
                    response.content(problemContent(PROBLEM));
                }
                // what the handler does not declare it produces is JSON all the same
                if (status.charAt(0) == '2'
                        && response.getContent() != null
                        && response.getContent().containsKey(ALL_VALUE)
                        && response.getContent().size() == 1) {
                    response.content(new Content()
                            .addMediaType(
                                    APPLICATION_JSON_VALUE,
                                    response.getContent().get(ALL_VALUE)));
                }
                if ((status.equals("429") || status.equals("503")) && response.getHeaders() == null) {
                    response.addHeaderObject("Retry-After", retryAfter());
                }
            });
            return operation;
        };
    }

    /** Problem details content of a schema, {@link #PROBLEM} or one that extends it. */
    public static Content problemContent(String schema) {
        return new Content()
                .addMediaType(
                        APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema)));
    }

    /** RFC 9457 problem details, with this API's {@code field} and {@code rule}. */
    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                ._default("about:blank")
                                .description("the problem's type; about:blank: its title and status say it all"))
                .addProperty("title", new StringSchema().description("short, the same for every problem of the kind"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what went wrong, and what to do about it"))
                .addProperty(
                        "instance", new StringSchema().format("uri-reference").description("the request's path"))
                .addProperty(
                        "field",
                        new StringSchema()
                                .description(
                                        "the parameter or field at fault, e.g. `page`; `(body)` for the body as a whole"))
                .addProperty(
                        "rule",
                        new StringSchema()
                                .description("the rule it breaks, e.g. `max-range`, `exists`, `max-streams-per-org`"));
    }

    private static void answer(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    private static Header retryAfter() {
        return new Header().description("seconds to wait before trying again").schema(new IntegerSchema());
    }

    private static Stream<String> pathVariables(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters())
                .filter(p -> p.hasParameterAnnotation(PathVariable.class))
                .map(OpenApiConfiguration::name);
    }

    private static String name(MethodParameter parameter) {
        var annotation = parameter.getParameterAnnotation(PathVariable.class);
        if (annotation != null && !annotation.name().isEmpty()) {
            return annotation.name();
        }
        if (annotation != null && !annotation.value().isEmpty()) {
            return annotation.value();
        }
        return parameter.getParameterName();
    }

    /** A Server-Sent Events stream, which reads no view. */
    private static boolean streams(HandlerMethod handler) {
        var mapping = handler.getMethodAnnotation(RequestMapping.class);
        return mapping != null && Arrays.asList(mapping.produces()).contains(TEXT_EVENT_STREAM_VALUE);
    }
}
