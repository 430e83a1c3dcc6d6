/**
 * Resilience: Redis failures never reach the application. One circuit breaker per factory turns an outage
 * into misses at once; invalidations that could not be written are remembered and replayed before the cache
 * is used again; evicted locks and tombstones are detected. One warning per outage, not a stack trace per call.
 */
package dev.redisl2.hibernate.resilience;
