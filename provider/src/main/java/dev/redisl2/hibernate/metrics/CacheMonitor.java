package dev.redisl2.hibernate.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.hibernate.near.NearCache;
import dev.redisl2.hibernate.region.CacheContext;
import dev.redisl2.hibernate.region.RegionStorage;

import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * A read-only view of one SessionFactory's cache for monitoring: the Redis it uses, the breaker, the
 * undelivered-invalidation backlog, round trips by command, and per-region counters. Reading it costs
 * a few sums of counters; nothing here talks to Redis.
 */
public final class CacheMonitor {

	/** The commands and scripts the provider sends, so that their meters exist before their first call. */
	public static final List<String> COMMANDS = List.of( "MGET", "entry.lua", "region.lua", "timestamps.lua",
			"state_copy.lua", "SET", "GET", "DEL", "INFO", "TIME", "CLUSTER NODES" );

	private final CacheContext context;
	private final String redisAddress;

	public CacheMonitor(CacheContext context, String redisAddress) {
		this.context = context;
		this.redisAddress = redisAddress;
		COMMANDS.forEach( context.store()::commandStats );
	}

	/** The monitor of a SessionFactory whose second-level cache is redisl2; null otherwise or before it started. */
	public static CacheMonitor of(SessionFactory sessionFactory) {
		var regionFactory = sessionFactory.unwrap( SessionFactoryImplementor.class ).getCache().getRegionFactory();
		return regionFactory instanceof RedisRegionFactory redis ? redis.monitor() : null;
	}

	/** Where the cache points, without credentials ({@code redis://host:port/0}, sentinel or cluster nodes). */
	public String redisAddress() {
		return redisAddress;
	}

	/** CLOSED: Redis is used. OPEN: Redis is unreachable and the cache is bypassed. RECOVERING: replaying invalidations. */
	public String breakerState() {
		return context.store().breaker().state();
	}

	/** How long the breaker has been open (or recovering); null while it is closed. */
	public Duration breakerOpenFor() {
		long nanos = context.store().breaker().openForNanos();
		return nanos < 0 ? null : Duration.ofNanos( nanos );
	}

	public long breakerOpenings() {
		return context.store().breaker().openings();
	}

	/** Calls that did not go to Redis because the breaker was open. */
	public long skippedCalls() {
		return context.store().breaker().skipped();
	}

	/** Invalidations waiting for Redis to come back (entries and regions). */
	public int backlog() {
		return context.backlog().size();
	}

	public Map<String, CommandStats> commands() {
		return context.store().commandStats();
	}

	public long failures() {
		return context.store().failures();
	}

	public long timeouts() {
		return context.store().timeouts();
	}

	public long refusals() {
		return context.store().refusals();
	}

	/** The regions, with their counters and near cache (null where a region has none). */
	public List<Region> regions() {
		List<Region> regions = new ArrayList<>();
		for ( RegionStorage storage : context.regions() ) {
			regions.add( new Region( storage.name(), storage.counters(), storage.hotKeys().near() ) );
		}
		return regions;
	}

	/** One region as monitoring sees it. */
	public record Region(String name, RegionCounters counters, NearCache near) {
	}

	/**
	 * What a health check reports: whether the cache is in use or bypassed, since when, and what waits. A
	 * bypassed cache is not an unhealthy application: reads go to the database, nothing stale is served.
	 */
	public Map<String, Object> healthDetails() {
		Map<String, Object> details = new LinkedHashMap<>();
		Duration open = breakerOpenFor();
		details.put( "cache", open == null ? "in use" : "bypassed" );
		details.put( "redis", redisAddress );
		details.put( "breaker", breakerState() );
		if ( open != null ) {
			details.put( "openForMillis", open.toMillis() );
		}
		details.put( "backlog", backlog() );
		details.put( "breakerOpenings", breakerOpenings() );
		return details;
	}
}
