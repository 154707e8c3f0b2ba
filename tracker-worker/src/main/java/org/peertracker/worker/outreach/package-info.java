/** Outreach views: daily figures per area (later sessions and the signal feed). */
package org.peertracker.worker.outreach;
