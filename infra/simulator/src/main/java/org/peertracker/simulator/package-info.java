/** An organisation's field apps, simulated: realistic events sent to the API for a demo or a browser test. */
package org.peertracker.simulator;
