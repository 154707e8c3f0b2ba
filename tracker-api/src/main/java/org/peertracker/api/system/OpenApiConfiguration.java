package org.peertracker.api.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventExamples;
import org.peertracker.events.EventType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}): the intake's request body
 * with one example per event type, and its answers. The event schemas themselves are served at
 * {@code /api/v1/schemas/{type}}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String INTAKE = "/api/v1/orgs/{orgId}/events";

    @Bean
    OpenApiCustomizer intakeDocumentation() {
        return openApi -> {
            openApi.info(new Info().title("Peer activity tracker API").version("v1").description("""
                    Field apps log peer activities (support, outreach, campaigning, involvement) as events; \
                    dashboards read the views. Client codes are pseudonymised before anything is stored; \
                    never send names."""));
            // every /api/v1/orgs/... call needs a bearer token (README, "Security")
            if (openApi.getComponents() == null) {
                openApi.components(new Components());
            }
            openApi.getComponents().addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT"));
            openApi.addSecurityItem(new SecurityRequirement().addList("bearer"));
            var path = openApi.getPaths() == null ? null : openApi.getPaths().get(INTAKE);
            if (path == null || path.getPost() == null) {
                return;
            }
            document(path.getPost());
        };
    }

    private static void document(Operation post) {
        post.summary("Log one event, or an array of up to 500")
                .description("""
                        Each event is checked against its JSON Schema (GET /api/v1/schemas/{type}) and the intake's \
                        rules, and answered on its own: accepted (on Kafka), rejected (with the field and rule), or \
                        not-accepted (Kafka did not acknowledge in time: re-send the same eventIds). Re-sending an \
                        accepted event changes nothing.""");
        var examples = new LinkedHashMap<String, Example>();
        for (var type : EventType.values()) {
            examples.put(type.token(), new Example().summary(type.token())
                    .value(EventCodec.mapper().readValue(EventExamples.of(type), Map.class)));
        }
        Schema<?> event = new ObjectSchema().description("An event: envelope and payload (see /api/v1/schemas/envelope)");
        Schema<?> body = new Schema<>().oneOf(List.of(event, new ArraySchema().items(event).maxItems(500)));
        post.requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                new MediaType().schema(body).examples(examples))));
        post.responses(new ApiResponses()
                .addApiResponse("202", new ApiResponse().description("at least one event accepted; a result per event"))
                .addApiResponse("400", new ApiResponse().description("malformed JSON (problem details)"))
                .addApiResponse("401", new ApiResponse().description("no bearer token, or one not valid"))
                .addApiResponse("403", new ApiResponse().description("the token's organisation or role does not allow it"))
                .addApiResponse("413", new ApiResponse().description("body over 2 MiB or more than 500 events"))
                .addApiResponse("415", new ApiResponse().description("not application/json"))
                .addApiResponse("422", new ApiResponse().description("no event accepted; problem details with the results"))
                .addApiResponse("503", new ApiResponse().description("Kafka did not acknowledge in time, or the "
                        + "intake is busy (max-concurrent-requests); Retry-After")));
    }
}
