/** The activity log: every event of an organisation, pseudonymised, for timelines and audit. */
package org.peertracker.api.activity;
