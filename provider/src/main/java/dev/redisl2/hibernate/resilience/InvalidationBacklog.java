package dev.redisl2.hibernate.resilience;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invalidations this node could not deliver to Redis: entry keys whose lock, unlock, update, tombstone or
 * eviction never arrived, and regions whose eviction or bulk lock never arrived. One per RegionFactory,
 * in memory. {@link Recovery} replays it as soon as Redis answers, before the breaker closes.
 *
 * <p>Bounded: beyond {@code backlog_size} entry keys, the region of the next key is remembered as a whole
 * instead (and its keys are dropped), so an outage during a write-heavy burst costs a few region
 * evictions, not unbounded memory. Targets that cannot be evicted as a whole (the update timestamps, one
 * key per table) keep their keys outside the bound.
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
	private final Map<Target, Set<String>> entries = new LinkedHashMap<>();
	private final Set<Target> regions = new LinkedHashSet<>();
	private int counted;

	public InvalidationBacklog(int capacity) {
		this.capacity = capacity;
	}

	/** Remembers that an invalidation of this entry key may not have reached Redis. */
	public synchronized void entry(Target target, byte[] key) {
		if ( regions.contains( target ) ) {
			return;
		}
		Set<String> keys = entries.computeIfAbsent( target, t -> new LinkedHashSet<>() );
		if ( !keys.add( text( key ) ) || !target.canInvalidateAll() ) {
			return;
		}
		if ( ++counted > capacity ) {
			region( target );
		}
	}

	/** Remembers that a whole region must be invalidated (its eviction or bulk lock may not have reached Redis). */
	public synchronized void region(Target target) {
		if ( !target.canInvalidateAll() ) {
			return;
		}
		regions.add( target );
		Set<String> dropped = entries.remove( target );
		if ( dropped != null ) {
			counted -= dropped.size();
		}
	}

	public synchronized boolean isEmpty() {
		return entries.isEmpty() && regions.isEmpty();
	}

	/** Entry keys and regions waiting, for diagnostics and tests. */
	public synchronized int size() {
		return regions.size() + entries.values().stream().mapToInt( Set::size ).sum();
	}

	/**
	 * Writes every remembered invalidation: whole regions first, then single entries of the other regions.
	 * Stops at the first write Redis does not take and keeps it and everything after it; what was
	 * remembered meanwhile (by requests that skipped Redis while this ran) stays for the next replay.
	 */
	public Replay replay() {
		Map<Target, Set<String>> pendingEntries;
		List<Target> pendingRegions;
		synchronized ( this ) {
			pendingEntries = new LinkedHashMap<>( entries );
			pendingRegions = new ArrayList<>( regions );
			entries.clear();
			regions.clear();
			counted = 0;
		}
		int regionCount = 0;
		int entryCount = 0;
		for ( int i = 0; i < pendingRegions.size(); i++ ) {
			if ( !pendingRegions.get( i ).invalidateAll() ) {
				restore( pendingRegions.subList( i, pendingRegions.size() ), pendingEntries );
				return new Replay( entryCount, regionCount, false );
			}
			pendingEntries.remove( pendingRegions.get( i ) );
			regionCount++;
		}
		for ( var it = pendingEntries.entrySet().iterator(); it.hasNext(); ) {
			var regionEntries = it.next();
			for ( var keys = regionEntries.getValue().iterator(); keys.hasNext(); ) {
				if ( !regionEntries.getKey().invalidate( bytes( keys.next() ) ) ) {
					restore( List.of(), pendingEntries );
					return new Replay( entryCount, regionCount, false );
				}
				keys.remove();
				entryCount++;
			}
			it.remove();
		}
		return new Replay( entryCount, regionCount, true );
	}

	private synchronized void restore(List<Target> regionsLeft, Map<Target, Set<String>> entriesLeft) {
		for ( Target target : regionsLeft ) {
			region( target );
		}
		entriesLeft.forEach( (target, keys) -> keys.forEach( key -> entry( target, bytes( key ) ) ) );
	}

	// keys are held as ISO-8859-1 text: one char per byte, so equality and hashing come for free and nothing is lost
	private static String text(byte[] key) {
		return new String( key, StandardCharsets.ISO_8859_1 );
	}

	private static byte[] bytes(String key) {
		return key.getBytes( StandardCharsets.ISO_8859_1 );
	}
}
