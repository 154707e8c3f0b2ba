/** The activity log: every event as received (pseudonymised), for timelines and audit. */
package org.peertracker.worker.activity;
