package dev.redisl2.hibernate.near;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.redisl2.hibernate.entry.StoredEntry;

/**
 * One region's near cache: decoded values of current entries, by entry id, served without a round trip
 * while the {@link InvalidationChannel} is healthy.
 *
 * <p>The race it must not lose: a reader reads an entry from Redis, another node changes it, the
 * invalidation arrives and is applied, and only then the reader stores what it read. Every
 * invalidation therefore first stamps the entry's stripe (or the whole region) with a fresh sequence
 * number and then removes the entry; a reader takes the sequence before its Redis read, stores, and
 * removes again if a stamp it can see is newer. Whichever of the two steps comes first, the stale copy
 * does not survive.
 */
public final class NearCache {

	/** A value as decoded, with the header it was read with (read-write checks its timestamp). */
	public record Entry(StoredEntry header, Object value) {
	}

	private static final int STRIPES = 1024;
	/**
	 * A value is not stored for 40 ms after its stripe was invalidated, whatever stamp it carries: a defence
	 * in depth for a caller whose stamp was taken after its Redis read (the stamp of a read ahead is taken
	 * before its MGET; this covers a caller that gets that wrong). It costs a near-cache miss on that stripe
	 * for 40 ms after a change, nothing else.
	 */
	private static final long QUIET_NANOS = 40_000_000L;

	private final LongAdder hits = new LongAdder();
	private final LongAdder invalidations = new LongAdder();
	private final InvalidationChannel channel;
	private final String regionPrefix;
	private final boolean clusteredKeys;
	private final Cache<String, Entry> entries;
	private final AtomicLongArray stripeStamps = new AtomicLongArray( STRIPES );
	private final AtomicLong regionStamp = new AtomicLong();
	/** When each stripe (and the whole region) was last invalidated, in nanos: see {@link #QUIET_NANOS}. */
	private final AtomicLongArray stripeInvalidatedAt = new AtomicLongArray( STRIPES );
	private volatile long regionInvalidatedAt;

	/** @param clusteredKeys entry keys in the Cluster layout ({@code <region prefix>{<bucket tag>}<entry id>}) */
	NearCache(InvalidationChannel channel, String regionPrefix, boolean clusteredKeys, int maxEntries, Duration ttl) {
		this.channel = channel;
		this.regionPrefix = regionPrefix;
		this.clusteredKeys = clusteredKeys;
		long longAgo = System.nanoTime() - QUIET_NANOS;
		for ( int i = 0; i < STRIPES; i++ ) {
			stripeInvalidatedAt.set( i, longAgo );
		}
		regionInvalidatedAt = longAgo;
		this.entries = Caffeine.newBuilder().maximumSize( maxEntries ).expireAfterWrite( ttl ).build();
	}

	/** The cached entry, or null; always null while the invalidation channel is not proven healthy. */
	public Entry get(String entryId) {
		Entry hit = channel.healthy() ? entries.getIfPresent( entryId ) : null;
		if ( hit != null ) {
			hits.increment();
		}
		return hit;
	}

	/** Entries held now (Caffeine's estimate). */
	public long size() {
		return entries.estimatedSize();
	}

	/** Reads answered from this near cache since startup. */
	public long hits() {
		return hits.sum();
	}

	/** Invalidations applied since startup: this node's own changes and Redis's messages, one entry or all. */
	public long invalidations() {
		return invalidations.sum();
	}

	/** The sequence to pass to {@link #offer}: take it before reading Redis. */
	public long stamp() {
		return channel.sequence();
	}

	/** Stores what a read found, unless an invalidation of it may have arrived since {@code stampBefore}. */
	public void offer(String entryId, StoredEntry header, Object value, long stampBefore) {
		if ( !channel.healthy() || isStale( entryId, stampBefore ) ) {
			return;
		}
		entries.put( entryId, new Entry( header, value ) );
		if ( isStale( entryId, stampBefore ) ) {
			entries.invalidate( entryId );
		}
	}

	private boolean isStale(String entryId, long stampBefore) {
		int stripe = stripe( entryId );
		long now = System.nanoTime();
		return regionStamp.get() > stampBefore || stripeStamps.get( stripe ) > stampBefore
				|| now - stripeInvalidatedAt.get( stripe ) < QUIET_NANOS || now - regionInvalidatedAt < QUIET_NANOS;
	}

	/** This node is about to change the entry: drop it now rather than when Redis's message comes back. */
	public void invalidate(String entryId) {
		invalidations.increment();
		stripeInvalidatedAt.set( stripe( entryId ), System.nanoTime() );
		stripeStamps.accumulateAndGet( stripe( entryId ), channel.nextSequence(), Math::max );
		entries.invalidate( entryId );
	}

	public void invalidateAll() {
		invalidations.increment();
		regionInvalidatedAt = System.nanoTime();
		regionStamp.accumulateAndGet( channel.nextSequence(), Math::max );
		entries.invalidateAll();
	}

	/**
	 * Applies an invalidation message for a key of this region: an entry key drops one entry, any other key
	 * (the region state or, on a Cluster, one of its copies) all of them.
	 */
	void invalidated(String redisKey) {
		String rest = redisKey.substring( regionPrefix.length() );
		if ( rest.startsWith( "~refresh:" ) ) {
			return; // an early-refresh marker of an older provider version: not a cached entry, not the region state
		}
		int tagEnd = rest.indexOf( '}' );
		if ( rest.isEmpty() || rest.charAt( 0 ) != '{' || tagEnd < 0 ) {
			invalidateAll();
		}
		else if ( clusteredKeys ) {
			invalidate( rest.substring( tagEnd + 1 ) );
		}
		else if ( rest.charAt( rest.length() - 1 ) == '}' ) {
			invalidate( rest.substring( 1, rest.length() - 1 ) );
		}
		else {
			invalidateAll();
		}
	}

	String regionPrefix() {
		return regionPrefix;
	}

	private static int stripe(String entryId) {
		int h = entryId.hashCode();
		return ( h ^ ( h >>> 16 ) ) & ( STRIPES - 1 );
	}
}
