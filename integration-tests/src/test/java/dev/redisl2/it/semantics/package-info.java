/**
 * What Hibernate's own second-level-cache tests expect of a provider, written as our own tests on real
 * Redis and two nodes: an eviction never leaves the cache colder than an empty one, and a forced refresh
 * ({@code CacheStoreMode.REFRESH}) replaces what it read.
 */
package dev.redisl2.it.semantics;
