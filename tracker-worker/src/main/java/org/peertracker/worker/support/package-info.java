/** Support (case work) views: cases and monthly caseloads per peer. */
package org.peertracker.worker.support;
