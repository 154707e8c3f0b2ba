/** Distinct clients reached per month and area: outreach contacts with a client reference and clients of cases. */
package org.peertracker.worker.reach;
