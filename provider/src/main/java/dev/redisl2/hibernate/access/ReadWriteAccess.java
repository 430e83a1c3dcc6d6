package dev.redisl2.hibernate.access;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.region.RedisDomainDataRegion;
import dev.redisl2.hibernate.region.RegionState;

import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * READ_WRITE as write-through guarded by soft locks that live in Redis, so that they hold across nodes.
 * Hibernate's protocol is kept; each of its get-decide-put sequences, which Hibernate guards with a lock
 * inside one JVM, is one {@code entry.lua} call here (see the invariants in that script).
 * <ol>
 *   <li>lockItem, before the SQL: the entry becomes a lock (or an existing lock gains a holder); loads
 *       are refused while it lives.</li>
 *   <li>remove, update: nothing to do (our lock already blocks loads; no round trip).</li>
 *   <li>afterUpdate, after commit: if ours is the only hold, the committed value replaces the lock,
 *       readable by transactions that begin afterwards; otherwise the hold is released.</li>
 *   <li>unlockItem, after commit or rollback: the hold is released; the released lock stays as a
 *       tombstone that admits only loads that began after the release, or carry a newer version.</li>
 *   <li>A lock whose owner never comes back stops blocking at its timeout ({@code lock_timeout}).</li>
 * </ol>
 * Round trips: hit 1; miss + put 2; insert 1; update 2 (lock, afterUpdate); delete 2 (lock, unlock).
 */
public final class ReadWriteAccess extends RedisDataAccess {

	public ReadWriteAccess(RedisDomainDataRegion region, CacheKeysFactory keysFactory, String role, Comparator<Object> versionComparator) {
		super( region, keysFactory, role, versionComparator );
	}

	@Override
	public AccessType getAccessType() {
		return AccessType.READ_WRITE;
	}

	/** A value written at ts is readable only by transactions that began after it, as in Hibernate. */
	@Override
	protected boolean readable(StoredEntry entry, SharedSessionContractImplementor session) {
		return session.getCacheTransactionSynchronization().getCachingTimestamp() > entry.timestamp();
	}

	@Override
	public SoftLock lockItem(SharedSessionContractImplementor session, Object key, Object version) {
		wrote( session );
		RegionState state = storage.stateForWrite();
		long generation = state == null ? 0 : state.generation();
		var clock = storage.context().clock();
		String lockId = Long.toString( storage.context().nextLockId() );
		// the floor lets the lock replace a released lock that a region eviction made obsolete (invariant 12)
		Object reply = run( key, args( "lock", generation, clock.next() + storage.context().lockTimeoutMicros(),
				storage.context().owner(), lockId, versionText( version, session ), lockTtlMillis(),
				state == null ? 0 : state.invalidatedAt() ) );
		if ( reply instanceof List<?> holder && holder.size() == 2 ) {
			track( session, key, true );
			return new RedisSoftLock( text( holder.get( 0 ) ), text( holder.get( 1 ) ) );
		}
		// Redis did not answer: Hibernate still calls unlockItem, which leaves a released lock if it can
		return new RedisSoftLock( storage.context().owner(), lockId );
	}

	@Override
	public void unlockItem(SharedSessionContractImplementor session, Object key, SoftLock lock) {
		release( session, key, lock, "unlock", null, storage.ttlMillis() );
	}

	@Override
	public void remove(SharedSessionContractImplementor session, Object key) {
		wrote( session );
		if ( !holdsLock( session, key ) ) {
			run( key, args( "remove" ) );
		}
	}

	/** Hibernate's read-write removeAll does nothing: bulk changes go through lockRegion/unlockRegion. */
	@Override
	public void removeAll(SharedSessionContractImplementor session) {
		wrote( session );
	}

	@Override
	public boolean update(SharedSessionContractImplementor session, Object key, Object value, Object currentVersion,
			Object previousVersion) {
		return false;
	}

	@Override
	public boolean afterUpdate(SharedSessionContractImplementor session, Object key, Object value, Object currentVersion,
			Object previousVersion, SoftLock lock) {
		RegionState state = storage.stateForWrite();
		byte[] payload = storage.encode( value, session.getFactory() );
		if ( state == null || payload == null || !storage.context().mayCacheLoads()
				// explorer hole E: a change committed before a bulk operation or eviction began is not cached after it
				|| !state.admitsLoad( session.getCacheTransactionSynchronization().getCachingTimestamp(),
						storage.context().clock().now() ) ) {
			release( session, key, lock, "unlock", null, storage.ttlMillis() );
			return false;
		}
		long timestamp = storage.context().clock().next();
		byte[] raw = StoredEntry.value( state.generation(), timestamp, versionText( currentVersion, session ), region.fingerprint(), payload );
		return Long.valueOf( 1 ).equals( release( session, key, lock, "update", raw, storage.ttlMillis( entryId( key ), timestamp ) ) );
	}

	private Object release(SharedSessionContractImplementor session, Object key, SoftLock lock, String op, byte[] value, long ttlMillis) {
		RegionState state = storage.stateForWrite();
		long generation = state == null ? 0 : state.generation();
		RedisSoftLock ours = lock instanceof RedisSoftLock redisLock ? redisLock : new RedisSoftLock( "-", "-" );
		ScriptArgs args = args( op, ours.owner(), ours.lockId(), storage.context().releaseTimestamp(),
				storage.context().lockTimeoutMicros(), ttlMillis, generation );
		Object reply = run( key, value == null ? args : args.withValue( value ) );
		track( session, key, false );
		return reply;
	}

	/** A live lock lasts its timeout; the key must outlive it a little, or a lost key would let loads in early. */
	private long lockTtlMillis() {
		return storage.context().settings().lockTimeout().toMillis() + 5_000L;
	}

	private void track(SharedSessionContractImplementor session, Object key, boolean locked) {
		if ( session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization sync ) {
			if ( locked ) {
				sync.locked( entryRef( key ) );
			}
			else {
				sync.unlocked( entryRef( key ) );
			}
		}
	}

	private boolean holdsLock(SharedSessionContractImplementor session, Object key) {
		return session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization sync
				&& sync.holdsLock( entryRef( key ) );
	}

	private static String text(Object reply) {
		return reply instanceof byte[] bytes ? new String( bytes, StandardCharsets.UTF_8 ) : String.valueOf( reply );
	}
}
