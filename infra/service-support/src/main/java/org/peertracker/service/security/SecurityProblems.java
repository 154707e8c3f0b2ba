package org.peertracker.service.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.peertracker.events.EventCodec;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * 401 and 403 as RFC 9457 problem details. Fixed texts: never why a token failed in the words of a library, never
 * whether anything exists at the path.
 */
public final class SecurityProblems {

    private SecurityProblems() {}

    public static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean badToken = e instanceof OAuth2AuthenticationException;
        response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(
                response,
                HttpServletResponse.SC_UNAUTHORIZED,
                "Unauthorized",
                badToken
                        ? "The bearer token is not valid: it may have expired, or be signed by an issuer this service does not trust."
                        : "A bearer token is required.");
    }

    public static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "This token does not allow this request.");
    }

    private static void write(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(EventCodec.mapper().writeValueAsBytes(problem));
    }
}
