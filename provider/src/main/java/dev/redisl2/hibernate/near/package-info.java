/**
 * The near cache: a bounded in-process tier in front of Redis for hot entries, kept coherent by Redis's own
 * invalidation messages (client tracking) and bypassed whenever this node cannot prove it receives them.
 */
package dev.redisl2.hibernate.near;
