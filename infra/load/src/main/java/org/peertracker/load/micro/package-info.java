/** JMH microbenchmarks of the per-event stages of the intake and the projection. */
package org.peertracker.load.micro;
