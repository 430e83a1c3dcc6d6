package dev.redisl2.hibernate;

import dev.redisl2.hibernate.access.NegativeCacheLoadListener;
import dev.redisl2.hibernate.compat.HibernateSpi;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.internal.DefaultLoadEventListener;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.LoadEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.jboss.logging.Logger;

/**
 * Has every region's state read or created once the SessionFactory is built ({@link RegionStatePrimer}), and
 * installs the negative cache's load listener in SessionFactories that use this provider. It wraps
 * Hibernate's default load listener only when that is the sole one, so it never displaces an
 * application's own listener; otherwise it says so and the negative cache stays off.
 */
public final class CacheIntegrator implements Integrator {

	private static final Logger LOG = Logger.getLogger( CacheIntegrator.class );

	@Override
	public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
		if ( !( sessionFactory.getCache().getRegionFactory() instanceof RedisRegionFactory factory ) ) {
			return;
		}
		sessionFactory.addObserver( new RegionStatePrimer( factory ) );
		if ( !factory.negativeCachingConfigured() ) {
			return;
		}
		var registry = HibernateSpi.eventListeners( sessionFactory );
		var group = registry.getEventListenerGroup( EventType.LOAD );
		LoadEventListener only = null;
		int count = 0;
		for ( LoadEventListener listener : group.listeners() ) {
			only = listener;
			count++;
		}
		if ( count == 1 && only instanceof DefaultLoadEventListener ) {
			registry.setListeners( EventType.LOAD, new NegativeCacheLoadListener( only ) );
		}
		else {
			LOG.warnf( "redisl2: the negative cache (%s) is off because the application replaced Hibernate's load listener",
					RedisCacheSettings.NEGATIVE_TTL );
		}
	}

	/**
	 * Nothing to undo (the listener dies with its SessionFactory). Declared because Hibernate 6.6 makes it
	 * abstract: without it, closing ANY SessionFactory on the classpath, ours or not, fails with an
	 * AbstractMethodError.
	 */
	@Override
	public void disintegrate(SessionFactoryImplementor sessionFactory, org.hibernate.service.spi.SessionFactoryServiceRegistry serviceRegistry) {
	}
}
