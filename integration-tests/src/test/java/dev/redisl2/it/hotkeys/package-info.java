/**
 * Issue #7 on real Redis and real sessions: the near cache's coherence across two nodes and through
 * connection trouble, single-flight loads across nodes, and early expiration under steady load.
 */
package dev.redisl2.it.hotkeys;
