package dev.redisl2.hibernate.resilience;

/**
 * This node's knowledge of how many keys Redis has evicted under {@code maxmemory} ({@code evicted_keys}
 * of {@code INFO stats}), and since when it knows that count. One per RegionFactory.
 *
 * <p>Why: an absent entry key may be a lock or tombstone that Redis evicted, and such a marker is what
 * keeps a load that read the row before a change from caching it afterwards. So {@code entry.lua} lets a
 * load fill an absent key only if Redis's count still equals {@link #count()} (no eviction since this
 * node learnt it) and the load began after {@link #since()} (after every eviction in that count).
 * Otherwise the put is refused and the script's reply teaches this node the new count. The update
 * timestamps apply the same rule to a table whose timestamp key is missing.
 */
public final class EvictionWatch {

	/** The count before this node has learnt it: no absent key is filled until it has. */
	public static final String UNKNOWN = "-";

	private record Mark(String count, long since) {
	}

	private volatile Mark mark = new Mark( UNKNOWN, 0 );

	/** Redis's eviction count as last seen, or {@link #UNKNOWN}. */
	public String count() {
		return mark.count;
	}

	/** When (cache timestamp, µs of Redis time) this node learnt {@link #count()}: every eviction it counts happened before. */
	public long since() {
		return mark.since;
	}

	/**
	 * Records a count Redis reported at or before {@code now}. Keeps the older time when the count did not
	 * change, so a stable count admits every load that began after it was first seen.
	 */
	public void observed(String count, long now) {
		Mark current = mark;
		if ( !current.count.equals( count ) ) {
			mark = new Mark( count, now );
		}
	}
}
