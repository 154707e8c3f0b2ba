/** The dashboard: the figures a coordinator looks at first. */
package org.peertracker.api.dashboard;
