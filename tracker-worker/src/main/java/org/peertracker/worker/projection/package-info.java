/** What a view family gives the projection machinery: the updates each event makes to its views. */
package org.peertracker.worker.projection;
