/** One Kafka broker and one MongoDB for a whole test JVM: containers with Docker, embedded servers without. */
package org.peertracker.testing;
