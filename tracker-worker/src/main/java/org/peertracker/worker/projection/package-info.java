/**
 * The projection pipeline: a view family's projector ({@link org.peertracker.worker.projection.Projector}) and
 * the listener that feeds it (decode, claim, project, guarded write, positions, notify), the generations of a
 * family's collections and their indexes, and waiting out MongoDB outages.
 */
package org.peertracker.worker.projection;
