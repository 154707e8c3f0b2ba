package org.peertracker.api.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.events.EventSchemas;
import org.peertracker.events.EventType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the JSON Schemas the intake validates with, so that field apps can check events before sending:
 * {@code GET /api/v1/schemas/envelope} and {@code GET /api/v1/schemas/{type}}.
 */
@RestController
@RequestMapping("/api/v1/schemas")
// every operation here answers a schema
@ApiResponse(
        responseCode = "200",
        description = "a JSON Schema document",
        content = @Content(mediaType = "application/schema+json", schema = @Schema(type = "object")))
class SchemaController {

    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    @Operation(summary = "The JSON Schema of the event envelope")
    @GetMapping("/envelope")
    ResponseEntity<String> envelope() {
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(EventSchemas.envelopeDocument());
    }

    @Operation(summary = "The JSON Schema of the event envelope as published on Kafka and the feed")
    @GetMapping("/published/envelope")
    ResponseEntity<String> publishedEnvelope() {
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(EventSchemas.publishedEnvelopeDocument());
    }

    @Operation(
            summary = "The JSON Schema of an event type's payload as published on Kafka and the feed (clientRef, "
                    + "sealed texts)")
    @GetMapping("/published/{type}")
    ResponseEntity<String> publishedPayload(@PathVariable String type) {
        return ResponseEntity.ok()
                .contentType(SCHEMA_JSON)
                .body(EventSchemas.publishedPayloadDocument(catalogued(type)));
    }

    @Operation(summary = "The JSON Schema of an event type's payload")
    @GetMapping("/{type}")
    ResponseEntity<String> payload(@PathVariable String type) {
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(EventSchemas.payloadDocument(catalogued(type)));
    }

    private static EventType catalogued(String type) {
        return EventType.byToken(type)
                .orElseThrow(() -> new RequestProblem(
                        HttpStatus.NOT_FOUND,
                        "Unknown type",
                        "no event type '" + type + "' in the catalogue",
                        "type",
                        "catalogue"));
    }
}
