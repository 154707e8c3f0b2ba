package org.peertracker.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Takes field apps' events onto Kafka and serves the views. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrackerApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrackerApiApplication.class, args);
    }
}
