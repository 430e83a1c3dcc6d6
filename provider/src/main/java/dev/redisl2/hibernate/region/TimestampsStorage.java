package dev.redisl2.hibernate.region;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.redisl2.hibernate.redis.KeyLayout;
import dev.redisl2.hibernate.redis.KeyText;
import dev.redisl2.hibernate.resilience.EvictionWatch;
import dev.redisl2.hibernate.resilience.InvalidationBacklog;

import org.hibernate.cache.spi.support.StorageAccess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The update-timestamps region: per query space (table) a hash of the last committed change and of the
 * pending pre-invalidations of transactions still running (see {@code timestamps.lua}). Readers take the
 * maximum. Keys live longer than any query result ({@code ttl} of the longest region, jitter included,
 * plus the lock timeout), so a stale result can never outlive the timestamp that marks it stale.
 *
 * <p>Hibernate tells pre-invalidation from invalidation only by the value (now + timeout versus now);
 * so do we.
 *
 * <p>Round trips: one per space read (a script, so that an absent key comes with Redis's eviction count),
 * one per space written.
 */
public final class TimestampsStorage implements StorageAccess {

	private final RegionStorage storage;
	private final KeyLayout keys;

	/** ARGV[4] of timestamps.lua: kept in the call's shape, ignored by the script (its keys never expire, invariant 5). */
	private static final byte[] UNUSED_TTL = { '0' };

	public TimestampsStorage(RegionStorage storage) {
		this.storage = storage;
		this.keys = storage.keys();
	}

	/**
	 * The latest change of the space, or null for "never changed". When Redis does not answer, "changed
	 * now": a query result read from Redis a moment ago must not pass for current because its timestamp
	 * could not be read. When the key is absent but Redis has evicted keys since this node last looked
	 * (or ever, as far as it knows), the timestamp may have been evicted: the answer is then the time
	 * this node learnt of the evictions, which marks every result cached before them as stale.
	 */
	@Override
	public Object getFromCache(Object key, SharedSessionContractImplementor session) {
		CacheContext context = storage.context();
		byte[] redisKey = keys.entryKey( KeyText.escape( key.toString() ) );
		if ( context.backlog().pending( lostWrites, redisKey ) ) {
			return context.clock().next(); // this node changed the table and Redis does not know yet
		}
		Object reply = context.store().eval( context.timestampsScript(), List.of( redisKey ), List.of( bytes( "get" ) ) );
		if ( reply == null ) {
			return context.clock().next();
		}
		if ( reply instanceof Long evicted ) {
			return absent( evicted );
		}
		long latest = Long.MIN_VALUE;
		if ( reply instanceof List<?> fieldsAndValues ) {
			for ( int i = 1; i < fieldsAndValues.size(); i += 2 ) {
				try {
					latest = Math.max( latest, Long.parseLong( text( fieldsAndValues.get( i ) ) ) );
				}
				catch (NumberFormatException e) {
					// a foreign field: only numbers count
				}
			}
		}
		return latest == Long.MIN_VALUE ? null : latest;
	}

	private Long absent(long evicted) {
		if ( evicted < 0 ) {
			return null; // INFO not allowed: evictions cannot be told from "never changed"
		}
		EvictionWatch evictions = storage.context().evictions();
		String count = Long.toString( evicted );
		if ( !count.equals( evictions.count() ) ) {
			long now = storage.context().clock().next();
			evictions.observed( count, now );
			return now;
		}
		return evicted == 0 ? null : evictions.since();
	}

	@Override
	public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
		long timestamp = ( (Number) value ).longValue();
		CacheContext context = storage.context();
		boolean preInvalidation = timestamp > context.clock().now() + context.lockTimeoutMicros() / 2;
		String owner = session == null ? context.owner() : session.getSessionIdentifier().toString();
		byte[] redisKey = keys.entryKey( KeyText.escape( key.toString() ) );
		Object reply = context.store().evalInvalidation( context.timestampsScript(), List.of( redisKey ), List.of(
				bytes( preInvalidation ? "pre" : "inv" ),
				bytes( owner ),
				bytes( Long.toString( timestamp ) ),
				UNUSED_TTL ) );
		if ( reply == null && !preInvalidation ) {
			// the table changed and no node was told: replayed as "changed now" when Redis answers
			context.backlog().entry( lostWrites, redisKey );
		}
	}

	/**
	 * Replays a lost invalidation as an invalidation at replay time, which is later than the commit, so every
	 * result cached before it is stale. There is no "all at once" for timestamps (a missing timestamp means
	 * "unchanged"); their keys, one per table, are few and always kept.
	 */
	private final InvalidationBacklog.Target lostWrites = new InvalidationBacklog.Target() {

		@Override
		public String name() {
			return storage.name();
		}

		/**
		 * If Redis refuses the write (out of memory under noeviction), every query-results region is emptied
		 * instead, by deleting its state key (DEL is allowed when memory is full): no cached result can then
		 * be served against the timestamp that could not be raised.
		 */
		@Override
		public boolean invalidate(byte[] key) {
			CacheContext context = storage.context();
			List<byte[]> args = List.of( bytes( "inv" ), bytes( context.owner() ),
					bytes( Long.toString( context.clock().next() ) ), UNUSED_TTL );
			try {
				return context.store().directOrRefusal( "timestamps.lua inv",
						c -> context.timestampsScript().eval( c, List.of( key ), args ) ) != null;
			}
			catch (redis.clients.jedis.exceptions.JedisDataException refused) {
				boolean all = true;
				for ( RegionStorage queries : context.queryRegions() ) {
					all &= queries.dropState();
				}
				return all;
			}
		}

		@Override
		public boolean invalidateAll() {
			return false;
		}

		@Override
		public boolean canInvalidateAll() {
			return false;
		}
	};

	private static String text(Object value) {
		return value instanceof byte[] raw ? new String( raw, StandardCharsets.US_ASCII ) : String.valueOf( value );
	}

	@Override
	public boolean contains(Object key) {
		return getFromCache( key, null ) != null;
	}

	/**
	 * Never empties anything: a missing timestamp means "unchanged", so evicting timestamps would make
	 * stale query results look current. Evicting the query regions is what drops cached results.
	 */
	@Override
	public void evictData() {
	}

	/** Evicting one space marks it changed now, which is the conservative reading of "forget what you know". */
	@Override
	public void evictData(Object key) {
		putIntoCache( key, storage.context().clock().next(), null );
	}

	@Override
	public void release() {
	}

	private static byte[] bytes(String text) {
		return text.getBytes( StandardCharsets.UTF_8 );
	}
}
