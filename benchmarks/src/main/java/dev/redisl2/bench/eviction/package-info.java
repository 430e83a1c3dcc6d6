/**
 * Region eviction measured three ways on one Redis: redisl2's generation bump, DEL of one hash holding the
 * region (Redisson's layout), and SCAN+UNLINK of one key per entry.
 */
package dev.redisl2.bench.eviction;
