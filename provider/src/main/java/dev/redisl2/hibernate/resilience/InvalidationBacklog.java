package dev.redisl2.hibernate.resilience;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invalidations this node could not deliver to Redis: entry keys whose lock, unlock, update, tombstone or
 * eviction never arrived, and regions whose eviction or bulk lock never arrived. One per RegionFactory,
 * in memory. {@link Recovery} replays it as soon as Redis answers, before the breaker closes; until an
 * invalidation is delivered, this node treats what it covers as changed ({@link #pending}).
 *
 * <p>Bounded: beyond {@code backlog_size} entry keys, the region of the next key is remembered as a whole
 * instead (and its keys are dropped), so an outage during a write-heavy burst costs a few region
 * evictions, not unbounded memory. Targets that cannot be invalidated as a whole (the update timestamps,
 * one key per table) keep their keys outside the bound.
 */
/*
 * Every remembered item carries the sequence number of its latest recording. Replay works on a snapshot
 * and removes an item only if it was not recorded again meanwhile: a write that failed while its key was
 * being replayed may have failed after the replayed invalidation reached Redis, and must be replayed again.
 */
public final class InvalidationBacklog {

	/** A region (or the update timestamps) whose entries can be invalidated, one by one or all at once. */
	public interface Target {

		String name();

		/**
		 * Makes the entry unreadable for every node and keeps loads that began before now out of it.
		 * Runs on the recovery path (past the breaker). False when Redis did not take it.
		 */
		boolean invalidate(byte[] key);

		/** Makes every entry unreadable (a new region generation). False when Redis did not take it. */
		boolean invalidateAll();

		/** Whether {@link #invalidateAll()} is possible; if not, keys are kept whatever the bound. */
		boolean canInvalidateAll();
	}

	/** What one replay did. */
	public record Replay(int entries, int regions, boolean complete) {

		@Override
		public String toString() {
			return "replayed " + entries + " entry invalidation(s) and " + regions + " region eviction(s)"
					+ ( complete ? "" : ", the rest is kept for the next attempt" );
		}
	}

	private final int capacity;
	private final Map<Target, Map<String, Long>> entries = new LinkedHashMap<>();
	private final Map<Target, Long> regions = new LinkedHashMap<>();
	private long sequence;
	private int counted;
	/** Whether anything is waiting, readable without the lock: the read path asks on every cache read. */
	private volatile boolean waiting;

	public InvalidationBacklog(int capacity) {
		this.capacity = capacity;
	}

	/** Remembers that an invalidation of this entry key may not have reached Redis. */
	public synchronized void entry(Target target, byte[] key) {
		waiting = true;
		if ( regions.containsKey( target ) ) {
			regions.put( target, ++sequence );
			return;
		}
		Map<String, Long> keys = entries.computeIfAbsent( target, t -> new LinkedHashMap<>() );
		boolean added = keys.put( text( key ), ++sequence ) == null;
		if ( added && target.canInvalidateAll() && ++counted > capacity ) {
			region( target );
		}
	}

	/** Remembers that a whole region must be invalidated (its eviction or bulk lock may not have reached Redis). */
	public synchronized void region(Target target) {
		if ( !target.canInvalidateAll() ) {
			return;
		}
		waiting = true;
		regions.put( target, ++sequence );
		Map<String, Long> dropped = entries.remove( target );
		if ( dropped != null ) {
			counted -= dropped.size();
		}
	}

	public synchronized boolean isEmpty() {
		return entries.isEmpty() && regions.isEmpty();
	}

	/** Entry keys and regions waiting, for diagnostics and tests. */
	public synchronized int size() {
		return regions.size() + entries.values().stream().mapToInt( Map::size ).sum();
	}

	/**
	 * Whether an invalidation of this entry (or of its whole region) is waiting. Until it is delivered, this
	 * node must not serve the entry from Redis, which may still hold what the invalidation was meant to
	 * remove: a read of it is a miss. Free when nothing waits.
	 */
	public boolean pending(Target target, byte[] key) {
		if ( !waiting ) {
			return false;
		}
		synchronized ( this ) {
			if ( regions.containsKey( target ) ) {
				return true;
			}
			Map<String, Long> keys = entries.get( target );
			return keys != null && keys.containsKey( text( key ) );
		}
	}

	/** Whether an invalidation of the whole region is waiting (see {@link #pending}). */
	public boolean pendingRegion(Target target) {
		if ( !waiting ) {
			return false;
		}
		synchronized ( this ) {
			return regions.containsKey( target );
		}
	}

	/**
	 * Writes every invalidation remembered when it begins: whole regions first, then single entries of the
	 * other regions. Each stays remembered (so this node keeps missing on it) until Redis took it. Stops at the
	 * first write Redis does not take; the rest waits for the next replay, as does whatever requests remember
	 * meanwhile. Complete when everything of the snapshot was written.
	 */
	public Replay replay() {
		Map<Target, Long> pendingRegions;
		Map<Target, Map<String, Long>> pendingEntries = new LinkedHashMap<>();
		synchronized ( this ) {
			pendingRegions = new LinkedHashMap<>( regions );
			entries.forEach( (target, keys) -> pendingEntries.put( target, new LinkedHashMap<>( keys ) ) );
		}
		int regionCount = 0;
		int entryCount = 0;
		for ( Map.Entry<Target, Long> region : pendingRegions.entrySet() ) {
			if ( !region.getKey().invalidateAll() ) {
				return new Replay( entryCount, regionCount, false );
			}
			delivered( region.getKey(), region.getValue() );
			pendingEntries.remove( region.getKey() );
			regionCount++;
		}
		for ( Map.Entry<Target, Map<String, Long>> regionEntries : pendingEntries.entrySet() ) {
			Target target = regionEntries.getKey();
			for ( Map.Entry<String, Long> key : regionEntries.getValue().entrySet() ) {
				if ( pendingRegion( target ) ) {
					break; // overflowed meanwhile: the whole region is replayed next time
				}
				if ( !target.invalidate( bytes( key.getKey() ) ) ) {
					return new Replay( entryCount, regionCount, false );
				}
				delivered( target, key.getKey(), key.getValue() );
				entryCount++;
			}
		}
		// complete: all that was waiting when the replay began is in Redis. What requests remembered meanwhile
		// (they skip Redis while the breaker is open) waits for the next round; until then this node misses on it.
		return new Replay( entryCount, regionCount, true );
	}

	private synchronized void delivered(Target target, long recorded) {
		if ( regions.getOrDefault( target, -1L ) == recorded ) {
			regions.remove( target );
		}
		waiting = !entries.isEmpty() || !regions.isEmpty();
	}

	private synchronized void delivered(Target target, String key, long recorded) {
		Map<String, Long> keys = entries.get( target );
		if ( keys != null && keys.getOrDefault( key, -1L ) == recorded ) {
			keys.remove( key );
			if ( target.canInvalidateAll() ) {
				counted--;
			}
			if ( keys.isEmpty() ) {
				entries.remove( target );
			}
		}
		waiting = !entries.isEmpty() || !regions.isEmpty();
	}

	// keys are held as ISO-8859-1 text: one char per byte, so equality and hashing come for free and nothing is lost
	private static String text(byte[] key) {
		return new String( key, StandardCharsets.ISO_8859_1 );
	}

	private static byte[] bytes(String key) {
		return key.getBytes( StandardCharsets.ISO_8859_1 );
	}
}
