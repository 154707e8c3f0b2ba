/** Rebuilds: a view family projected again from offset 0 into a new generation, switched over when caught up. */
package org.peertracker.worker.rebuild;
