package dev.redisl2.hibernate.metrics;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The provider's meters, under {@code redisl2.}: every one reads a counter the provider keeps anyway
 * ({@link CacheMonitor}), so scraping costs sums, and the cache's hot path pays nothing for Micrometer.
 * Bind it with {@code new RedisCacheMeterBinder(CacheMonitor.of(sessionFactory)).bindTo(registry)}; the
 * Spring Boot starter does this for every redisl2 SessionFactory. The meters are listed in
 * docs/monitoring.md.
 */
public final class RedisCacheMeterBinder implements MeterBinder {

	private final CacheMonitor monitor;
	private final Tags common;

	public RedisCacheMeterBinder(CacheMonitor monitor) {
		this( monitor, Tags.empty() );
	}

	/** With tags on every meter, e.g. the persistence unit's name when an application has several. */
	public RedisCacheMeterBinder(CacheMonitor monitor, Iterable<Tag> tags) {
		this.monitor = monitor;
		this.common = Tags.of( tags );
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		monitor.commands().forEach( (command, stats) -> FunctionTimer.builder( "redisl2.redis.commands", stats,
						CommandStats::count, CommandStats::totalNanos, TimeUnit.NANOSECONDS )
				.description( "Redis round trips and their latency, by command or script" )
				.tags( common ).tag( "command", command ).register( registry ) );
		counter( registry, "redisl2.redis.errors", "timeout", m -> m.timeouts() );
		counter( registry, "redisl2.redis.errors", "refused", m -> m.refusals() );
		counter( registry, "redisl2.redis.errors", "connection", m -> m.failures() - m.timeouts() - m.refusals() );
		Gauge.builder( "redisl2.breaker.open", monitor, m -> m.breakerOpenFor() == null ? 0 : 1 )
				.description( "1 while Redis is unreachable and the cache is bypassed (breaker open or recovering), else 0" )
				.tags( common ).strongReference( true ).register( registry );
		FunctionCounter.builder( "redisl2.breaker.openings", monitor, CacheMonitor::breakerOpenings )
				.description( "Times the breaker opened" ).tags( common ).register( registry );
		FunctionCounter.builder( "redisl2.breaker.skipped", monitor, CacheMonitor::skippedCalls )
				.description( "Cache calls that did not go to Redis because the breaker was open" ).tags( common ).register( registry );
		Gauge.builder( "redisl2.backlog.size", monitor, CacheMonitor::backlog )
				.description( "Invalidations waiting for Redis to come back" ).tags( common ).strongReference( true ).register( registry );
		for ( CacheMonitor.Region region : monitor.regions() ) {
			bindRegion( registry, region );
		}
	}

	private void bindRegion(MeterRegistry registry, CacheMonitor.Region region) {
		Tags tags = common.and( "region", region.name() );
		RegionCounters counters = region.counters();
		FunctionCounter.builder( "redisl2.singleflight.waits", counters, RegionCounters::singleFlightWaits )
				.description( "Misses that waited for another node's load instead of loading" ).tags( tags ).register( registry );
		FunctionCounter.builder( "redisl2.early.refreshes", counters, RegionCounters::earlyRefreshes )
				.description( "Entries refreshed ahead of their expiry" ).tags( tags ).register( registry );
		for ( RefusedPut reason : RefusedPut.values() ) {
			FunctionCounter.builder( "redisl2.puts.refused", counters, c -> c.refusedCount( reason ) )
					.description( "Loads read from the database and not cached, by reason" )
					.tags( tags ).tag( "reason", reason.name().toLowerCase( java.util.Locale.ROOT ) ).register( registry );
		}
		if ( region.near() != null ) {
			Gauge.builder( "redisl2.near.size", region.near(), n -> n.size() )
					.description( "Entries in the region's near cache" ).tags( tags ).strongReference( true ).register( registry );
			FunctionCounter.builder( "redisl2.near.hits", region.near(), n -> n.hits() )
					.description( "Reads answered by the near cache (no Redis round trip)" ).tags( tags ).register( registry );
			FunctionCounter.builder( "redisl2.near.invalidations", region.near(), n -> n.invalidations() )
					.description( "Near-cache invalidations applied" ).tags( tags ).register( registry );
		}
	}

	private void counter(MeterRegistry registry, String name, String kind, ToDoubleFunction<CacheMonitor> value) {
		FunctionCounter.builder( name, monitor, value ).description( "Failed Redis round trips, by kind" )
				.tags( common ).tag( "kind", kind ).register( registry );
	}

	/** The meter names, for documentation checks. */
	static List<String> names() {
		return List.of( "redisl2.redis.commands", "redisl2.redis.errors", "redisl2.breaker.open", "redisl2.breaker.openings",
				"redisl2.breaker.skipped", "redisl2.backlog.size", "redisl2.singleflight.waits", "redisl2.early.refreshes",
				"redisl2.puts.refused", "redisl2.near.size", "redisl2.near.hits", "redisl2.near.invalidations" );
	}
}
