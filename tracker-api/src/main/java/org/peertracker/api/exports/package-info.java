/** Exports: every view a caller may read, and the activity log, as CSV files streamed from the query classes. */
package org.peertracker.api.exports;
