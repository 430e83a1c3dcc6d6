package dev.redisl2.hibernate.resilience;

import dev.redisl2.hibernate.redis.RedisStore;

import org.jboss.logging.Logger;

/**
 * Looks once, when Redis first answers, at how Redis evicts under {@code maxmemory} ({@code INFO memory},
 * which managed services allow where {@code CONFIG GET} is refused) and says so when the policy costs
 * the cache something.
 *
 * <p>What each policy means here. Entries, locks and tombstones have TTLs; region state keys do not.
 * <ul>
 *   <li>{@code volatile-lru}, {@code volatile-lfu}: recommended. Region state is never evicted; the
 *       least used entries go first, and fresh locks and tombstones are the most recently used keys.</li>
 *   <li>{@code allkeys-lru}, {@code allkeys-lfu}: also region state keys can go; a region whose state was
 *       evicted starts a new generation, i.e. it is emptied for every node (correct, but cold).</li>
 *   <li>{@code volatile-ttl}: evicts the keys closest to expiry first, which are locks and tombstones;
 *       {@code *-random}: evicts them as readily as anything. Correctness holds (see {@link EvictionWatch})
 *       but loads into absent keys are refused after every eviction, so the cache fills slowly.</li>
 *   <li>{@code noeviction}: when memory is full, every write fails with an error reply: loads are not
 *       cached, and invalidations are retried by the recovery probe (falling back to deleting the entry).</li>
 * </ul>
 */
public final class MemoryPolicyCheck {

	private static final Logger LOG = Logger.getLogger( MemoryPolicyCheck.class );

	private MemoryPolicyCheck() {
	}

	/**
	 * @param statsAllowed whether {@code INFO stats} answered, without which evicted locks and tombstones
	 * cannot be detected
	 */
	public static void warnIfRisky(RedisStore store, String target, boolean statsAllowed) {
		String memory = store.direct( "INFO memory", c -> c.info( "memory" ) );
		String maxmemory = memory == null ? null : field( memory, "maxmemory" );
		String policy = memory == null ? null : field( memory, "maxmemory_policy" );
		if ( !statsAllowed ) {
			LOG.warnf( "redisl2: Redis at %s does not allow INFO to this user; grant it (+info), or evicted locks and "
					+ "tombstones cannot be detected and may let a stale load into the cache under maxmemory", target );
		}
		if ( maxmemory == null || policy == null || "0".equals( maxmemory ) ) {
			return;
		}
		switch ( policy ) {
			case "volatile-lru", "volatile-lfu" -> LOG.debugf( "Redis at %s evicts with %s", target, policy );
			case "noeviction" -> LOG.infof( "redisl2: Redis at %s has maxmemory-policy noeviction: once memory is full, "
					+ "loads are no longer cached and invalidations fall back to deleting entries; volatile-lru is "
					+ "recommended", target );
			case "allkeys-lru", "allkeys-lfu" -> LOG.warnf( "redisl2: Redis at %s has maxmemory-policy %s, which can evict "
					+ "region state keys (no TTL): each such eviction empties a whole region for every node. Use "
					+ "volatile-lru or volatile-lfu, which only evict keys with a TTL (all cache entries have one)",
					target, policy );
			default -> LOG.warnf( "redisl2: Redis at %s has maxmemory-policy %s, which evicts locks and tombstones as "
					+ "readily as (or before) cached values; the cache stays correct but refuses loads after every "
					+ "eviction. Use volatile-lru or volatile-lfu", target, policy );
		}
	}

	/** A field of an INFO reply, or null. */
	public static String field(String info, String name) {
		for ( String line : info.split( "\\r?\\n" ) ) {
			if ( line.startsWith( name + ":" ) ) {
				return line.substring( name.length() + 1 ).trim();
			}
		}
		return null;
	}
}
