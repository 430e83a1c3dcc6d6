/**
 * What the provider counts about itself, and its read-only view for monitoring. Counting costs a few
 * {@code LongAdder} increments and two {@code System.nanoTime()} calls per Redis round trip, nothing that
 * allocates; everything else (Micrometer meters, an Actuator health indicator) reads these counters when
 * it is scraped. {@link RedisCacheMeterBinder} needs Micrometer, an optional dependency; nothing else here does.
 */
package dev.redisl2.hibernate.metrics;
