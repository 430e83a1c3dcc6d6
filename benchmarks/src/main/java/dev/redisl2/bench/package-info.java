/**
 * Side-by-side benchmarks of Hibernate's second-level cache: no cache, redisl2 (each access type), Redisson,
 * and two floors (raw Jedis GET, an in-process map). {@link dev.redisl2.bench.BenchMain} is the entry point.
 */
package dev.redisl2.bench;
