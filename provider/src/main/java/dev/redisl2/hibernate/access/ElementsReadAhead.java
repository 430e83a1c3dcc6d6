package dev.redisl2.hibernate.access;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import dev.redisl2.hibernate.compat.HibernateSpi;

import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.BasicType;
import org.hibernate.type.MapType;

/**
 * After a collection of cached entities is served from the cache, Hibernate gets its elements one by one:
 * one round trip each. This reads all of them that the session does not hold yet in one {@code MGET} and
 * leaves them with the session, where the gets that follow find them ({@link SessionCacheSynchronization}).
 * Elements the near cache holds are left out: their gets cost no round trip anyway.
 * Only collections of entities with a simple id, not maps (whose cached state interleaves keys and values).
 */
final class ElementsReadAhead {

	/** Beyond this many elements, reading them all may cost more than it saves. */
	private static final int MAX_ELEMENTS = 256;

	private final String role;
	private volatile CollectionPersister persister;
	private volatile boolean applicable = true;

	ElementsReadAhead(String role) {
		this.role = role;
	}

	void readAhead(SharedSessionContractImplementor session, CollectionCacheEntry collection, String collectionRef) {
		if ( !applicable || !( session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization sync ) ) {
			return;
		}
		List<AssociationReadAhead.Target> targets = targets( session, sync, collection );
		if ( sync.pending() != null && AssociationReadAhead.readPending( session, sync, targets, collectionRef ) ) {
			return; // read together with what the association read-ahead had pending (one MGET)
		}
		if ( targets.size() > 1 ) {
			RedisDataAccess elements = targets.get( 0 ).access();
			List<Object> keys = new ArrayList<>( targets.size() );
			for ( AssociationReadAhead.Target target : targets ) {
				keys.add( target.key() );
			}
			long nearStamp = elements.nearStamp(); // before the read: see SessionCacheSynchronization.prefetched
			sync.prefetched( elements.lookupAll( keys ), nearStamp );
		}
	}

	/**
	 * The elements of this collection worth reading ahead: those the session holds neither loaded nor read
	 * ahead, and the near cache does not hold. Empty when the collection does not qualify.
	 */
	List<AssociationReadAhead.Target> targets(SharedSessionContractImplementor session, SessionCacheSynchronization sync,
			CollectionCacheEntry collection) {
		CollectionPersister collectionPersister = applicable ? persister( session ) : null;
		if ( collectionPersister == null ) {
			return List.of();
		}
		EntityPersister element = HibernateSpi.elementPersister( collectionPersister );
		Serializable[] ids = collection.getState();
		if ( ids == null || ids.length == 0 || ids.length > MAX_ELEMENTS
				|| !( element.getCacheAccessStrategy() instanceof RedisDataAccess elements ) ) {
			return List.of();
		}
		List<AssociationReadAhead.Target> targets = new ArrayList<>( ids.length );
		var persistenceContext = session.getPersistenceContextInternal();
		for ( Serializable id : ids ) {
			if ( id != null && persistenceContext.getEntity( session.generateEntityKey( id, element ) ) == null ) {
				Object key = elements.generateCacheKey( id, element, session.getFactory(), session.getTenantIdentifier() );
				if ( !elements.nearCacheHolds( key ) ) {
					String ref = elements.entryRef( key );
					if ( !sync.hasPrefetched() || sync.peekPrefetched( ref ) == null ) {
						targets.add( new AssociationReadAhead.Target( elements, key, ref ) );
					}
				}
			}
		}
		return targets;
	}

	/** The collection's persister if its elements are cached entities this can read ahead, else null (remembered). */
	private CollectionPersister persister(SharedSessionContractImplementor session) {
		CollectionPersister current = persister;
		if ( current != null ) {
			return current;
		}
		CollectionPersister found = session.getFactory().getMappingMetamodel().findCollectionDescriptor( role );
		EntityPersister element = found == null ? null : HibernateSpi.elementPersister( found );
		if ( element == null || found.getCollectionType() instanceof MapType || !element.canReadFromCache()
				|| !( element.getIdentifierType() instanceof BasicType<?> ) ) {
			applicable = false;
			return null;
		}
		persister = found;
		return found;
	}
}
