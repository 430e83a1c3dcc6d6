package dev.redisl2.hibernate.metrics;

/** Why a load read from the database was not cached. */
public enum RefusedPut {
	/** The entry script refused it: a lock, tombstone or newer value guards the key (the usual, safe case). */
	GUARDED,
	/** Redis evicted keys the node had not seen yet: an absent key may have been a lock (invariant 7). */
	EVICTION,
	/** The region was emptied or bulk-locked after the loading transaction began. */
	REGION_INVALIDATED,
	/** Redis is unreachable or the node's clock is not synced: the cache is bypassed. */
	BYPASSED,
	/** The loading transaction began longer ago than a released lock or tombstone lives (a long snapshot). */
	TOO_OLD,
	/** The value is outside what the codec may store (see the allow-list). */
	NOT_ENCODABLE
}
