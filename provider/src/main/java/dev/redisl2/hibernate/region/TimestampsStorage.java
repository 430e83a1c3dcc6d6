package dev.redisl2.hibernate.region;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.redisl2.hibernate.redis.KeyLayout;
import dev.redisl2.hibernate.redis.KeyText;

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
 * <p>Round trips: one per space read, one per space written.
 */
public final class TimestampsStorage implements StorageAccess {

	private final RegionStorage storage;
	private final KeyLayout keys;
	private final long keyTtlMillis;

	public TimestampsStorage(RegionStorage storage) {
		this.storage = storage;
		this.keys = storage.keys();
		var settings = storage.context().settings();
		this.keyTtlMillis = settings.longestTtl().plus( settings.lockTimeout() ).plusSeconds( 60 ).toMillis();
	}

	@Override
	public Object getFromCache(Object key, SharedSessionContractImplementor session) {
		byte[] redisKey = keys.entryKey( KeyText.escape( key.toString() ) );
		Map<byte[], byte[]> fields = storage.context().store().call( "HGETALL", c -> c.hgetAll( redisKey ) );
		if ( fields == null || fields.isEmpty() ) {
			return null;
		}
		long latest = Long.MIN_VALUE;
		for ( byte[] value : fields.values() ) {
			try {
				latest = Math.max( latest, Long.parseLong( new String( value, StandardCharsets.US_ASCII ) ) );
			}
			catch (NumberFormatException e) {
				// a foreign field: only numbers count
			}
		}
		return latest == Long.MIN_VALUE ? null : latest;
	}

	@Override
	public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
		long timestamp = ( (Number) value ).longValue();
		CacheContext context = storage.context();
		boolean preInvalidation = timestamp > context.clock().now() + context.lockTimeoutMicros() / 2;
		String owner = session == null ? context.owner() : session.getSessionIdentifier().toString();
		context.store().eval( context.timestampsScript(), List.of( keys.entryKey( KeyText.escape( key.toString() ) ) ), List.of(
				bytes( preInvalidation ? "pre" : "inv" ),
				bytes( owner ),
				bytes( Long.toString( timestamp ) ),
				bytes( Long.toString( keyTtlMillis ) ) ) );
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
