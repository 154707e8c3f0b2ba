package org.peertracker.service.corrections;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The correction window, read by both services. */
@AutoConfiguration
@EnableConfigurationProperties(CorrectionSettings.class)
public class CorrectionsSupport {}
