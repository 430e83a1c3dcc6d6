package dev.redisl2.it.hotkeys;

import jakarta.persistence.EntityManagerFactory;

import dev.redisl2.hibernate.RedisRegionFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;

/** What the hot-key tests read off a node. */
final class Nodes {

	private Nodes() {
	}

	static RedisRegionFactory factory(EntityManagerFactory emf) {
		return (RedisRegionFactory) emf.unwrap( SessionFactoryImplementor.class ).getCache().getRegionFactory();
	}

	/** Redis reads (MGET) this node made so far. */
	static long reads(EntityManagerFactory emf) {
		return factory( emf ).store().roundTripsByCommand().getOrDefault( "MGET", 0L );
	}

	/** Entities this node loaded from the database so far. */
	static long entityLoads(EntityManagerFactory emf) {
		return emf.unwrap( SessionFactoryImplementor.class ).getStatistics().getEntityLoadCount();
	}
}
