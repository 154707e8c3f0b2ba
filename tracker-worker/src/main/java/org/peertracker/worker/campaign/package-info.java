/** Campaigning views: one document per campaign with its actions, reach and outcomes. */
package org.peertracker.worker.campaign;
