/** The API: intake (HTTP to Kafka) and queries (MongoDB views to HTTP). It never writes MongoDB. */
package org.peertracker.api;
