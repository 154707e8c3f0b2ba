/** Outreach: daily figures per area, sessions, and the signal feed. */
package org.peertracker.api.outreach;
