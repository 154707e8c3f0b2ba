/** Cross-cutting configuration: Kafka topics and health, the views' database, problem details. */
package org.peertracker.api.system;
