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
 *   <li>an entry the negative cache just read, which the following {@code get} of the same key uses
 *       instead of reading it again.</li>
 * </ul>
 * A session is single-threaded, so plain fields suffice.
 */
public final class SessionCacheSynchronization extends AbstractCacheTransactionSynchronization {

	private final Set<String> lockedKeys = new HashSet<>();
	private String prefetchedKey;
	private RegionStorage.Lookup prefetched;

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

	void prefetched(String entryRef, RegionStorage.Lookup lookup) {
		prefetchedKey = entryRef;
		prefetched = lookup;
	}

	/** The lookup prefetched for this entry, once; null if there is none. */
	RegionStorage.Lookup takePrefetched(String entryRef) {
		if ( prefetched == null || !prefetchedKey.equals( entryRef ) ) {
			return null;
		}
		RegionStorage.Lookup lookup = prefetched;
		prefetched = null;
		prefetchedKey = null;
		return lookup;
	}

	@Override
	public void transactionCompleted(boolean successful) {
		super.transactionCompleted( successful );
		lockedKeys.clear();
		prefetched = null;
		prefetchedKey = null;
	}
}
