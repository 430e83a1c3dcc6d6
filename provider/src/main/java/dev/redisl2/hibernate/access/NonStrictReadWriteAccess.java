package dev.redisl2.hibernate.access;

import java.util.Comparator;

import dev.redisl2.hibernate.region.RedisDomainDataRegion;

import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * NONSTRICT_READ_WRITE as invalidation: a change replaces the entry by a tombstone when the statement
 * runs and again after the transaction completes; no locks. The second tombstone is what bounds
 * staleness: a load that read the old row before the commit began before that tombstone, so the script
 * refuses its put. What stays possible is a read of the old value by another node between the commit
 * and the second tombstone (milliseconds), the documented price of "nonstrict".
 *
 * <p>Round trips: hit 1; miss + put 2; insert 1; update 2; delete 2.
 */
public final class NonStrictReadWriteAccess extends InvalidatingAccess {

	public NonStrictReadWriteAccess(RedisDomainDataRegion region, CacheKeysFactory keysFactory, String role, Comparator<Object> versionComparator) {
		super( region, keysFactory, role, versionComparator );
	}

	@Override
	public AccessType getAccessType() {
		return AccessType.NONSTRICT_READ_WRITE;
	}

	@Override
	public boolean update(SharedSessionContractImplementor session, Object key, Object value, Object currentVersion,
			Object previousVersion) {
		wrote( session );
		tombstone( key );
		return false;
	}

	@Override
	public boolean afterUpdate(SharedSessionContractImplementor session, Object key, Object value, Object currentVersion,
			Object previousVersion, SoftLock lock) {
		tombstone( key );
		return false;
	}
}
