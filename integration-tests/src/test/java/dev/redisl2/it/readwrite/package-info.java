/**
 * Read-write across nodes: the entry script's transitions one by one, round trips per operation, and a
 * two-node stress test that compares redisl2 with Hibernate's stock read-write access on the same Redis.
 */
package dev.redisl2.it.readwrite;
