/** Peer involvement: peers, and the monthly figures of meaningful involvement per setting. */
package org.peertracker.api.involvement;
