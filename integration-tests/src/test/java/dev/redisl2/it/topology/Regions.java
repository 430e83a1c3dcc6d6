package dev.redisl2.it.topology;

import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.hibernate.region.RedisDomainDataRegion;
import dev.redisl2.hibernate.region.RegionStorage;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/** Reaches into a node's provider: a region's storage, the store's failure count. */
final class Regions {

	static final String BOOK = "dev.redisl2.sample.Book";

	private Regions() {
	}

	static RegionStorage storage(EntityManagerFactory emf, String region) {
		var cache = emf.unwrap(SessionFactoryImplementor.class).getCache();
		return ((RedisDomainDataRegion) cache.getRegion(region)).storage();
	}

	static RedisRegionFactory factory(EntityManagerFactory emf) {
		return (RedisRegionFactory) emf.unwrap(SessionFactoryImplementor.class).getCache().getRegionFactory();
	}

	/** Redis operations that failed on this node (each was a miss or a dropped write). */
	static long failures(EntityManagerFactory emf) {
		return factory(emf).store().failures();
	}
}
