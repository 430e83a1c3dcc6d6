/**
 * One clock for every node: Hibernate's cache timestamps are compared across JVMs, so they follow
 * Redis {@code TIME}, measured periodically, without a round trip per session or transaction.
 */
package dev.redisl2.hibernate.clock;
