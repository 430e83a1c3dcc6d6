package dev.redisl2.hibernate.access;

import java.util.Comparator;

import dev.redisl2.hibernate.region.RedisDomainDataRegion;

import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Strategies without locks (read-only, nonstrict): a change or a delete leaves a tombstone, once when
 * the statement runs and once after the transaction completes, so that a load that read the old row
 * cannot put it back.
 */
abstract class InvalidatingAccess extends RedisDataAccess {

	InvalidatingAccess(RedisDomainDataRegion region, CacheKeysFactory keysFactory, String role, Comparator<Object> versionComparator) {
		super( region, keysFactory, role, versionComparator );
	}

	@Override
	public SoftLock lockItem(SharedSessionContractImplementor session, Object key, Object version) {
		wrote( session );
		return null;
	}

	@Override
	public void unlockItem(SharedSessionContractImplementor session, Object key, SoftLock lock) {
		tombstone( key );
	}

	@Override
	public void remove(SharedSessionContractImplementor session, Object key) {
		wrote( session );
		tombstone( key );
	}
}
