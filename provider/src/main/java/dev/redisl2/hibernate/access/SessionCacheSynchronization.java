package dev.redisl2.hibernate.access;

import java.util.HashSet;
import java.util.Set;

import dev.redisl2.hibernate.region.RegionStorage;

import org.hibernate.cache.spi.AbstractCacheTransactionSynchronization;
import org.hibernate.cache.spi.RegionFactory;

/**
 * Hibernate's per-session cache synchronization, plus what this session knows that saves round trips:
 * <ul>
 *   <li>the entries it holds read-write locks on: a {@code remove} of a key we locked ourselves needs no
 *       round trip, since our lock already keeps every load out (Hibernate's read-write remove reads the
 *       entry to learn just that);</li>
 *   <li>entries read ahead, which the following {@code get}s of the same keys use instead of reading them
 *       again: the entry the negative cache just read, and the elements of a collection just served from
 *       the cache (one {@code MGET} for all of them).</li>
 * </ul>
 * A session is single-threaded, so plain fields suffice.
 */
public final class SessionCacheSynchronization extends AbstractCacheTransactionSynchronization {

	private final Set<String> lockedKeys = new HashSet<>();
	/** Entries read ahead of the gets that will ask for them; kept briefly, so a later get never sees an old read. */
	private java.util.Map<String, RegionStorage.Lookup> prefetched = java.util.Map.of();
	private long prefetchedAt;
	private long prefetchedNearStamp;

	public SessionCacheSynchronization(RegionFactory regionFactory) {
		super( regionFactory );
	}

	void locked(String entryRef) {
		lockedKeys.add( entryRef );
	}

	void unlocked(String entryRef) {
		lockedKeys.remove( entryRef );
	}

	boolean holdsLock(String entryRef) {
		return lockedKeys.contains( entryRef );
	}

	void prefetched(String entryRef, RegionStorage.Lookup lookup, long nearStamp) {
		prefetched( java.util.Map.of( entryRef, lookup ), nearStamp );
	}

	/**
	 * Replaces what was read ahead: only the newest batch is kept. {@code nearStamp} is the near cache's
	 * stamp taken before the Redis read: a value offered to the near cache must carry the stamp of the read
	 * that produced it, or an invalidation arriving in between would be lost.
	 */
	void prefetched(java.util.Map<String, RegionStorage.Lookup> lookups, long nearStamp) {
		prefetched = new java.util.HashMap<>( lookups );
		prefetchedAt = System.nanoTime();
		prefetchedNearStamp = nearStamp;
	}

	/** The near-cache stamp taken before the read ahead (see {@link #prefetched(java.util.Map, long)}). */
	long prefetchedNearStamp() {
		return prefetchedNearStamp;
	}

	boolean hasPrefetched() {
		return !prefetched.isEmpty();
	}

	/** The lookup read ahead for this entry, once, if read within the last {@value #FRESH_MILLIS} ms; else null. */
	RegionStorage.Lookup takePrefetched(String entryRef) {
		if ( prefetched.isEmpty() ) {
			return null;
		}
		if ( System.nanoTime() - prefetchedAt > FRESH_MILLIS * 1_000_000L ) {
			prefetched = java.util.Map.of();
			return null;
		}
		return prefetched.remove( entryRef );
	}

	/** How long a read-ahead stands in for a read: the time between a collection hit and its elements' gets. */
	private static final long FRESH_MILLIS = 50;

	/** Misses waiting for their load's put, by entry: when the miss happened (early expiration measures loads). */
	private java.util.Map<String, Long> missedAt = java.util.Map.of();
	/** Entries this session refreshes ahead of expiry, with the header of the value it replaces. */
	private java.util.Map<String, String> refreshing = java.util.Map.of();

	void missed(String entryRef, long nanoTime) {
		missedAt = with( missedAt, entryRef, nanoTime );
	}

	/** When this session missed the entry, once; null if it did not (or the miss was not recorded). */
	Long takeMissedAt(String entryRef) {
		return missedAt.isEmpty() ? null : missedAt.remove( entryRef );
	}

	void refreshing(String entryRef, String header) {
		refreshing = with( refreshing, entryRef, header );
	}

	/** Most sessions never need these maps: they stay the shared empty map until a first entry. */
	private static <V> java.util.Map<String, V> with(java.util.Map<String, V> map, String key, V value) {
		java.util.Map<String, V> writable = map.isEmpty() ? new java.util.HashMap<>() : map;
		writable.put( key, value );
		return writable;
	}

	/** The header of the value this session refreshes, once; null if it does not refresh the entry. */
	String takeRefreshing(String entryRef) {
		return refreshing.isEmpty() ? null : refreshing.remove( entryRef );
	}

	@Override
	public void transactionCompleted(boolean successful) {
		super.transactionCompleted( successful );
		lockedKeys.clear();
		prefetched = java.util.Map.of();
		missedAt = java.util.Map.of();
		refreshing = java.util.Map.of();
	}
}
