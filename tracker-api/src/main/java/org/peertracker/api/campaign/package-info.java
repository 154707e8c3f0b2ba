/** Campaigning: campaigns with their actions, reach and outcomes. */
package org.peertracker.api.campaign;
