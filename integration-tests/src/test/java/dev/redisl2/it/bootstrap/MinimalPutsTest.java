package dev.redisl2.it.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.it.readwrite.HotCounterAccess;
import dev.redisl2.support.RedisServerProcess;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hibernate 7.4 skips a read-write put from load when minimal puts are on, the data is unversioned and
 * anything is cached, which includes a released lock: stock providers then never re-cache the row until
 * the lock expires. Our put script decides from the lock's release time instead, so with either setting
 * the row is cached again by the first load that begins after the release.
 */
@ExtendWith(PrivateRedisExtension.class)
class MinimalPutsTest {

	@ParameterizedTest(name = "use_minimal_puts={0}")
	@ValueSource(booleans = { true, false })
	void anUnversionedRowIsCachedAgainAfterItsLockWasReleased(boolean minimalPuts, RedisServerProcess redis) {
		try ( SessionFactory factory = new Configuration()
				.addAnnotatedClass( HotCounterAccess.entityClass() )
				.setProperty( "hibernate.connection.url", "jdbc:h2:mem:mp_" + UUID.randomUUID().toString().replace( "-", "" ) + ";DB_CLOSE_DELAY=-1" )
				.setProperty( "hibernate.hbm2ddl.auto", "create" )
				.setProperty( "hibernate.cache.use_second_level_cache", "true" )
				.setProperty( "hibernate.cache.region.factory_class", "redisl2" )
				.setProperty( "hibernate.cache.use_minimal_puts", String.valueOf( minimalPuts ) )
				.setProperty( "hibernate.generate_statistics", "true" )
				.setProperty( RedisCacheSettings.URL, redis.url() )
				.setProperty( RedisCacheSettings.KEY_PREFIX, "mp-" + UUID.randomUUID().toString().substring( 0, 8 ) )
				.buildSessionFactory() ) {
			assertEquals( minimalPuts, factory.getSessionFactoryOptions().isMinimalPutsEnabled() );
			factory.inTransaction( s -> s.persist( HotCounterAccess.newCounter( 1L ) ) );
			// an update that rolls back: lock, then unlock, which leaves a released lock in the cache
			factory.inSession( s -> {
				var tx = s.beginTransaction();
				HotCounterAccess.increment( s.find( HotCounterAccess.entityClass(), 1L ) );
				s.flush();
				tx.rollback();
			} );
			factory.inTransaction( s -> s.find( HotCounterAccess.entityClass(), 1L ) ); // a load after the release
			Statistics stats = factory.getStatistics();
			long hits = stats.getSecondLevelCacheHitCount();
			long statements = stats.getPrepareStatementCount();
			factory.inTransaction( s -> s.find( HotCounterAccess.entityClass(), 1L ) );
			assertTrue( stats.getSecondLevelCacheHitCount() > hits, "the row should be cached again" );
			assertEquals( statements, stats.getPrepareStatementCount(), "and served without SQL" );
		}
	}
}
