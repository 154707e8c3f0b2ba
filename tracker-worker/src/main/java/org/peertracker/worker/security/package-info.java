/** Who may call the worker's actuator: health for anyone, everything else (rebuilds) for an admin's token only. */
package org.peertracker.worker.security;
