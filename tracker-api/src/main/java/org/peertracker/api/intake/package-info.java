/** Intake: field apps' events validated, pseudonymised and published to Kafka, answered per event. */
package org.peertracker.api.intake;
