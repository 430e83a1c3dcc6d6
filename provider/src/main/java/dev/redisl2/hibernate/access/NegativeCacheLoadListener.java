package dev.redisl2.hibernate.access;

import org.hibernate.HibernateException;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Wraps Hibernate's load listener for entities whose region has a negative cache: a find of an id that a
 * current "not found" marker covers returns null without asking the database, and a find that the
 * database answers with nothing leaves such a marker. Inserting the id replaces the marker (the insert
 * script treats it as absent), and bulk operations and evictions start a new region generation that hides it.
 *
 * <p>Only {@code find}/{@code get} loads are served from markers: a reference that must exist
 * ({@code getReference}, association fetches) still goes to the database and fails there as usual.
 */
public final class NegativeCacheLoadListener implements LoadEventListener {

	private final LoadEventListener delegate;

	public NegativeCacheLoadListener(LoadEventListener delegate) {
		this.delegate = delegate;
	}

	@Override
	public void onLoad(LoadEvent event, LoadType loadType) throws HibernateException {
		var session = event.getSession();
		EntityPersister persister = event.getInstanceToLoad() != null || loadType != LoadEventListener.GET
				? null
				: session.getFactory().getMappingMetamodel().findEntityDescriptor( event.getEntityClassName() );
		if ( persister == null
				|| !persister.canReadFromCache()
				|| !( persister.getCacheAccessStrategy() instanceof RedisDataAccess access )
				|| !access.negativeCaching()
				|| !session.getCacheMode().isGetEnabled()
				|| session.getPersistenceContextInternal().getEntity( session.generateEntityKey( event.getEntityId(), persister ) ) != null ) {
			delegate.onLoad( event, loadType );
			return;
		}
		Object key = access.generateCacheKey( event.getEntityId(), persister, session.getFactory(), session.getTenantIdentifier() );
		if ( access.knownMissing( session, key ) ) {
			event.setResult( null );
			return;
		}
		delegate.onLoad( event, loadType );
		if ( event.getResult() == null && session.getCacheMode().isPutEnabled() ) {
			access.cacheNotFound( key );
		}
	}
}
