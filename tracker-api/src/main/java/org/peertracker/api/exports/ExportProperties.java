package org.peertracker.api.exports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of exports.
 *
 * @param maxRows rows one export may hold; one that would hold more is refused before a byte is written (rule
 *                {@code max-rows}), so that no file is cut short: a narrower range is asked for instead
 */
@ConfigurationProperties("tracker.exports")
record ExportProperties(@DefaultValue("100000") int maxRows) {}
