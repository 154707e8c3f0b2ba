/**
 * Who may call the worker's actuator: health for anyone, everything else (rebuilds, dead letters) for a platform
 * operator's token only.
 */
package org.peertracker.worker.security;
