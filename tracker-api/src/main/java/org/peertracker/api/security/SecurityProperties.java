package org.peertracker.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call from a browser. How tokens are read is shared with the worker
 * ({@code org.peertracker.service.security.TokenSettings}, also under {@code tracker.security}).
 *
 * @param allowedOrigins origins allowed to call the API from a browser; empty: none
 */
@ConfigurationProperties("tracker.security.cors")
public record SecurityProperties(@DefaultValue List<String> allowedOrigins) {}
