/** The event contract shared by the intake, the worker and every other consumer of the streams. */
package org.peertracker.events;
