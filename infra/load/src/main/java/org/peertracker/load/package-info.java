/** Load generators that run in a JVM of their own: intake load, live probes, events for rebuilds, raw bulkWrites. */
package org.peertracker.load;
