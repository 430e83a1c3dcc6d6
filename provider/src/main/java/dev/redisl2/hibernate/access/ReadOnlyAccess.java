package dev.redisl2.hibernate.access;

import java.util.Comparator;

import dev.redisl2.hibernate.region.RedisDomainDataRegion;

import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * READ_ONLY as cache-aside: rows are cached when loaded and after insert, never updated (Hibernate
 * refuses updates of read-only entities), and a delete leaves a tombstone so that a load racing it
 * cannot put the row back.
 *
 * <p>Round trips: hit 1; miss + put 2; insert 1; delete 2 (tombstone at execution and after completion).
 */
public final class ReadOnlyAccess extends InvalidatingAccess {

	public ReadOnlyAccess(RedisDomainDataRegion region, CacheKeysFactory keysFactory, String role, Comparator<Object> versionComparator) {
		super( region, keysFactory, role, versionComparator );
	}

	@Override
	public AccessType getAccessType() {
		return AccessType.READ_ONLY;
	}

	@Override
	public boolean update(SharedSessionContractImplementor session, Object key, Object value, Object currentVersion,
			Object previousVersion) {
		throw new UnsupportedOperationException( "Can't update read-only object" );
	}

	@Override
	public boolean afterUpdate(SharedSessionContractImplementor session, Object key, Object value, Object currentVersion,
			Object previousVersion, SoftLock lock) {
		throw new UnsupportedOperationException( "Can't write to a read-only object" );
	}
}
