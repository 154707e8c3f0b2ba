package org.peertracker.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Projects the event topics into the MongoDB views; serves nothing but actuator. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrackerWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrackerWorkerApplication.class, args);
    }
}
