/** Peer involvement views: peers, and each peer's monthly involvement, hours, trainings and compensation. */
package org.peertracker.worker.involvement;
