package org.peertracker.api.intake;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peertracker.api.system.OpenApiConfiguration;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventExamples;
import org.peertracker.events.EventType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The intake in the OpenAPI document: its request body with one example per event type (the event schemas
 * themselves are served at {@code /api/v1/schemas/{type}}), its answer, and its problems, which carry a result per
 * event ({@value #INTAKE_PROBLEM}).
 */
@Configuration(proxyBeanMethods = false)
class IntakeDocumentation {

    static final String INTAKE_RESPONSE = "IntakeResponse";
    static final String INTAKE_PROBLEM = "IntakeProblem";
    static final String SUMMARY = "IntakeSummary";

    @Bean
    OpenApiCustomizer intakeRequestAndAnswers() {
        return openApi -> {
            var path = openApi.getPaths() == null ? null : openApi.getPaths().get(IntakeController.PATH);
            if (path == null || path.getPost() == null) {
                return;
            }
            var schemas = openApi.getComponents().getSchemas();
            schemas.putAll(ModelConverters.getInstance().readAll(EventResult.class));
            schemas.put(
                    SUMMARY,
                    new ObjectSchema()
                            .description("how many events of the request came to what")
                            .addProperty("accepted", new IntegerSchema().format("int64"))
                            .addProperty("rejected", new IntegerSchema().format("int64"))
                            .addProperty("notAccepted", new IntegerSchema().format("int64"))
                            .addProperty(
                                    "conflicts",
                                    new IntegerSchema()
                                            .format("int64")
                                            .description(
                                                    "events whose eventId was recorded with other content; not taken")));
            schemas.put(
                    INTAKE_RESPONSE,
                    new ObjectSchema()
                            .description("a result per event, in the request's order")
                            .addProperty("summary", ref(SUMMARY))
                            .addProperty("results", new ArraySchema().items(ref("EventResult"))));
            schemas.put(
                    INTAKE_PROBLEM,
                    new ComposedSchema()
                            .description("problem details with a result per event, "
                                    + "when events were read (summary and results are absent when the body was not)")
                            .allOf(List.of(
                                    ref(OpenApiConfiguration.PROBLEM),
                                    new ObjectSchema()
                                            .addProperty("summary", ref(SUMMARY))
                                            .addProperty("results", new ArraySchema().items(ref("EventResult"))))));
            document(path.getPost());
        };
    }

    private static void document(Operation post) {
        var examples = new LinkedHashMap<String, Example>();
        for (var type : EventType.values()) {
            examples.put(
                    type.token(),
                    new Example()
                            .summary(type.token())
                            .value(EventCodec.mapper().readValue(EventExamples.of(type), Map.class)));
        }
        Schema<?> event =
                new ObjectSchema().description("An event: envelope and payload (see /api/v1/schemas/envelope)");
        Schema<?> body = new Schema<>()
                .oneOf(List.of(event, new ArraySchema().items(event).maxItems(500)));
        post.requestBody(new RequestBody()
                .required(true)
                .content(new Content()
                        .addMediaType(
                                "application/json", new MediaType().schema(body).examples(examples))));
        var responses = post.getResponses();
        responses.remove("200");
        responses.addApiResponse(
                "202",
                new ApiResponse()
                        .description("at least one event accepted; a result per event")
                        .content(new Content()
                                .addMediaType("application/json", new MediaType().schema(ref(INTAKE_RESPONSE)))));
        problem(
                post,
                "400",
                OpenApiConfiguration.PROBLEM,
                "malformed JSON, a number beyond any event's, or a body "
                        + "that is neither an event nor an array of events");
        problem(post, "413", OpenApiConfiguration.PROBLEM, "body over 2 MiB or more than 500 events");
        problem(post, "415", OpenApiConfiguration.PROBLEM, "not application/json");
        problem(
                post,
                "422",
                INTAKE_PROBLEM,
                "no event accepted: each event's broken rules in the results " + "(or an empty array)");
        problem(
                post,
                "503",
                INTAKE_PROBLEM,
                "Kafka did not acknowledge accepted events in time (the results say "
                        + "which to re-send), or the intake is busy (rule max-concurrent-requests); try again after "
                        + "Retry-After");
    }

    private static void problem(Operation post, String status, String schema, String description) {
        var response = post.getResponses().computeIfAbsent(status, s -> new ApiResponse());
        response.description(description).content(OpenApiConfiguration.problemContent(schema));
    }

    private static Schema<?> ref(String schema) {
        return new Schema<>().$ref("#/components/schemas/" + schema);
    }
}
