package org.peertracker.api.exports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.peertracker.api.security.Caller;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/orgs/{orgId}/exports/{view}}: a view, or the activity log, as a CSV file with a header row. The
 * parameters are those of the view's JSON read; who may export a view is who may read it.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/exports")
class ExportController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Exports exports;

    ExportController(Exports exports) {
        this.exports = exports;
    }

    @Operation(
            summary = "A view, or the activity log, as a CSV file (RFC 4180, UTF-8, a header row)",
            description = """
            The same rows as the view's JSON read, with the same parameters and the same roles: `cases` (status, \
            peerId; a peer its own), `caseload` and `referrals` (month), `outreach-daily` (from, to, area), \
            `outreach-sessions` (from, to, peerId; a peer those it took part in), `outreach-signals` (since), \
            `clients-reached` (from, to as months), `campaigns` (status), `peers`, `involvement-monthly` (month), \
            `activity` (from, to as timestamps, subject, peerId). An analyst's file holds what its JSON answer holds: allowed fields only, ids as \
            aliases, `<5` and `suppressed` for small counts. Nested figures are `key=value` pairs joined by `; `, \
            lists joined by `; `, anything deeper compact JSON. A text cell that begins with `=`, `+`, `-`, `@`, a \
            tab or a carriage return is prefixed with `'`, so that no spreadsheet runs it. An export that would \
            hold more rows than `tracker.exports.max-rows` (100000) is refused before anything is written.""")
    @ApiResponse(
            responseCode = "200",
            description = "the file, as an attachment named `{view}-{orgId}-{range or date}.csv`",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "no export of this name (rule `exists`, field `view`)")
    @ApiResponse(
            responseCode = "422",
            description = "the export would hold more rows than `tracker.exports.max-rows` (rule `max-rows`); "
                    + "ask for a shorter range")
    @GetMapping("/{view}")
    void export(
            @PathVariable String orgId,
            @Parameter(schema = @Schema(implementation = Exports.View.class)) @PathVariable String view,
            @Parameter(
                            description =
                                    "first day (yyyy-MM-dd), for `clients-reached` first month (yyyy-MM), for `activity` first "
                                            + "instant (ISO-8601)")
                    @RequestParam(required = false)
                    String from,
            @Parameter(
                            description =
                                    "last day (yyyy-MM-dd), for `clients-reached` last month (yyyy-MM), for `activity` the "
                                            + "instant before which (ISO-8601)")
                    @RequestParam(required = false)
                    String to,
            @Parameter(description = "yyyy-MM, for `caseload`, `referrals`, `involvement-monthly`")
                    @RequestParam(required = false)
                    String month,
            @Parameter(description = "ISO-8601 instant, for `outreach-signals`") @RequestParam(required = false)
                    String since,
            @RequestParam(required = false) String area,
            @RequestParam(required = false) String peerId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String subject,
            @AuthenticationPrincipal Caller caller,
            HttpServletResponse response)
            throws IOException {
        // every check and the count before the answer starts: a problem is answered as such, never mid-file
        var table = exports.prepare(
                view, orgId, new Exports.Parameters(from, to, month, since, area, peerId, status, subject), caller);
        response.setContentType(CSV.toString());
        // names are of ids, views and dates: ASCII, so the plain parameter every client reads (curl -J too)
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(table.filename())
                        .build()
                        .toString());
        // written on the request's thread, not as an async StreamingResponseBody, whose timeout (30 s by default)
        // would cut a long export short
        Csv.write(response.getOutputStream(), table.columns(), table.rows());
    }
}
