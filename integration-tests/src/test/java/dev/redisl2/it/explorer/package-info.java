/**
 * A randomized model checker for the cache protocol: simulated nodes replay Hibernate's access-strategy call
 * sequences against the real {@code entry.lua} and {@code region.lua} on a private redis-server, a model of the
 * database is the oracle, and a failure is shrunk to a replayable test. See docs/consistency-explorer.md.
 */
package dev.redisl2.it.explorer;
