package dev.redisl2.it.compat;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;

import dev.redisl2.sample.Country;
import dev.redisl2.sample.SampleApp;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.Test;

/**
 * The provider's integrator is found by every SessionFactory on the class path, including those that do
 * not use redisl2. On Hibernate 6.6 an integrator without {@code disintegrate} made closing each of them
 * fail with an AbstractMethodError: such a SessionFactory must open, work and close untouched.
 */
class ForeignSessionFactoryTest {

	@Test
	void aSessionFactoryWithoutRedisl2_opensWorksAndClosesCleanly() {
		Map<String, Object> noCache = new HashMap<>();
		noCache.put( "hibernate.cache.use_second_level_cache", "false" );
		noCache.put( "hibernate.cache.use_query_cache", "false" );
		noCache.put( "hibernate.cache.region.factory_class", "none" );
		noCache.put( SampleApp.JDBC_URL, SampleApp.h2MemUrl( "foreign-" + System.nanoTime() ) );
		EntityManagerFactory emf = SampleApp.entityManagerFactory( SampleApp.UNIT_SAMPLE, noCache );
		try {
			var em = emf.createEntityManager();
			em.getTransaction().begin();
			em.persist( new Country( "NO", "Norway" ) );
			em.getTransaction().commit();
			em.close();
			assertFalse( emf.getCache().contains( Country.class, "NO" ) );
		}
		finally {
			assertDoesNotThrow( emf::close, "closing a SessionFactory that does not use the provider" );
		}
	}
}
