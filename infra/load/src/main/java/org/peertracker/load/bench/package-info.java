/** The benchmark harness of {@code infra/bench}: a dispatcher, one class per phase, and what they measure with. */
package org.peertracker.load.bench;
