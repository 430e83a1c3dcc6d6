package dev.redisl2.hibernate;

import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;

/**
 * Once the SessionFactory is built (every entity, collection and natural-id region, the default query
 * region and the timestamps region exist), reads or creates their states in one pipelined round trip per
 * master, so that the first transaction's loads are cached. Regions built later (named query regions)
 * create their state lazily, as all did before.
 */
final class RegionStatePrimer implements SessionFactoryObserver {

	private static final long serialVersionUID = 1L;

	/** Transient: a SessionFactory serialized by reference does not carry its cache factory along. */
	private final transient RedisRegionFactory factory;

	RegionStatePrimer(RedisRegionFactory factory) {
		this.factory = factory;
	}

	@Override
	public void sessionFactoryCreated(SessionFactory sessionFactory) {
		if ( factory != null ) {
			factory.primeRegionStates();
		}
	}
}
