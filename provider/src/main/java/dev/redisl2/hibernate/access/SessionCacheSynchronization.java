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
 *       again: the entry the negative cache just read, the elements of a collection just served from
 *       the cache (one {@code MGET} for all of them), and what the association read-ahead read
 *       ({@link AssociationReadAhead}); each is served once, within {@value #FRESH_MILLIS} ms of its read,
 *       under the validity rules of an ordinary read;</li>
 *   <li>what the association read-ahead will read with the next read of any of it, and which associations
 *       this session is watched for (whether it walks them after loading their owner).</li>
 * </ul>
 * A session is single-threaded, so plain fields suffice.
 */
public final class SessionCacheSynchronization extends AbstractCacheTransactionSynchronization {

	private final Set<String> lockedKeys = new HashSet<>();
	/**
	 * Entries read ahead of the gets that will ask for them, by entry; each kept briefly ({@value #FRESH_MILLIS}
	 * ms from its read), so a later get never sees an old read.
	 */
	private java.util.Map<String, Prefetched> prefetched = java.util.Map.of();
	/** When the newest entry read ahead was read: once it is no longer fresh, the map is dropped whole. */
	private long newestReadAt;
	/** What the association read-ahead will read with the next read of any of it (see {@link AssociationReadAhead}). */
	private AssociationReadAhead.Pending pending;
	/** Associations whose walk this session is watched for (learning), by the entry that would show it. */
	private java.util.Map<String, AssociationReadAhead.Association> watched = java.util.Map.of();

	/** An entry read ahead, with the near-cache stamp of its region taken before the read, and when it was read. */
	record Prefetched(RegionStorage.Lookup lookup, long nearStamp, long readAt) {
	}

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
	 * Adds entries read ahead (older ones that are no longer fresh are dropped). {@code nearStamp} is the near
	 * cache's stamp taken before the Redis read: a value offered to the near cache must carry the stamp of the
	 * read that produced it, or an invalidation arriving in between would be lost.
	 */
	void prefetched(java.util.Map<String, RegionStorage.Lookup> lookups, long nearStamp) {
		long now = System.nanoTime();
		java.util.Map<String, Prefetched> writable = writablePrefetched( now );
		lookups.forEach( (ref, lookup) -> writable.put( ref, new Prefetched( lookup, nearStamp, now ) ) );
	}

	/** Adds one entry read ahead, with its own region's near-cache stamp (a read across regions). */
	void prefetched(String entryRef, RegionStorage.Lookup lookup, long nearStamp, long readAt) {
		writablePrefetched( readAt ).put( entryRef, new Prefetched( lookup, nearStamp, readAt ) );
	}

	private java.util.Map<String, Prefetched> writablePrefetched(long now) {
		newestReadAt = Math.max( newestReadAt, now );
		if ( prefetched.isEmpty() ) {
			prefetched = new java.util.HashMap<>();
		}
		else {
			prefetched.values().removeIf( p -> !fresh( p.readAt(), now ) );
		}
		return prefetched;
	}

	boolean hasPrefetched() {
		return !prefetched.isEmpty();
	}

	/** The entry read ahead, once, if read within the last {@value #FRESH_MILLIS} ms; else null. */
	Prefetched takePrefetched(String entryRef) {
		if ( prefetched.isEmpty() ) {
			return null;
		}
		long now = System.nanoTime();
		if ( !fresh( newestReadAt, now ) ) {
			prefetched = java.util.Map.of(); // all of it is too old: later gets need not build their key text
			return null;
		}
		Prefetched found = prefetched.remove( entryRef );
		return found == null || !fresh( found.readAt(), now ) ? null : found;
	}

	/** The entry read ahead, left in place, if still fresh; else null. */
	Prefetched peekPrefetched(String entryRef) {
		if ( prefetched.isEmpty() ) {
			return null;
		}
		Prefetched found = prefetched.get( entryRef );
		return found == null || !fresh( found.readAt(), System.nanoTime() ) ? null : found;
	}

	/** How long a read-ahead stands in for a read: the time between a hit and the gets it foresaw. */
	static final long FRESH_MILLIS = 50;

	/** Whether something read (or created) at {@code readAt} may still stand in for a read at {@code now} (nanoTime). */
	static boolean fresh(long readAt, long now) {
		return now - readAt <= FRESH_MILLIS * 1_000_000L;
	}

	/**
	 * This session writes: what it read ahead may predate its own change (a collection its insert evicted,
	 * an entity it locked), so none of it is served any more, and nothing pending is read.
	 */
	void wrote() {
		prefetched = java.util.Map.of();
		pending = null;
	}

	// ~~~~ association read-ahead: what is pending, what is watched for learning

	AssociationReadAhead.Pending pending() {
		return pending;
	}

	/** The pending read-ahead, created if none; null when the old one is no longer fresh, it is dropped first. */
	AssociationReadAhead.Pending pendingForAdding() {
		AssociationReadAhead.Pending current = pending;
		if ( current == null || current.stale( System.nanoTime() ) ) {
			current = new AssociationReadAhead.Pending( System.nanoTime() );
			pending = current;
		}
		return current;
	}

	/** Takes what is pending (the caller reads it now), if still fresh. */
	AssociationReadAhead.Pending takePending() {
		AssociationReadAhead.Pending current = pending;
		pending = null;
		return current == null || current.stale( System.nanoTime() ) ? null : current;
	}

	boolean watching() {
		return !watched.isEmpty();
	}

	/**
	 * Watches for a get of this entry in this session: it shows the association was walked. False when this
	 * session watches that entry already, or watches as many as it may.
	 */
	boolean watch(String entryRef, AssociationReadAhead.Association association) {
		if ( watched.size() >= AssociationReadAhead.MAX_WATCHED || watched.containsKey( entryRef ) ) {
			return false;
		}
		watched = with( watched, entryRef, association );
		return true;
	}

	/** A get of this entry: if an association was watched for it, it was walked. */
	void asked(String entryRef) {
		AssociationReadAhead.Association walked = watched.remove( entryRef );
		if ( walked != null ) {
			walked.walked();
		}
	}

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
		pending = null;
		watched = java.util.Map.of(); // not walked: each counted so when it was sampled
		missedAt = java.util.Map.of();
		refreshing = java.util.Map.of();
	}
}
