package org.peertracker.api.live;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The heartbeat of the streams runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LiveConfiguration {}
