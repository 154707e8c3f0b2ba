/**
 * Erasure in the views: an erased client's reference and needs are dropped from what is projected (also in a rebuild
 * from offset 0), and scrubbed from what was projected before, on the erasure notices of {@code tracker.erasures.v1}.
 */
package org.peertracker.worker.privacy;
