package dev.redisl2.it.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.UUID;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.RedisClient;

/**
 * The old and the new deployment of an application run side by side on one Redis, with different shapes
 * of the entity "Shape". Neither may assemble the other's entry into its own shape, and both must use one
 * key per id, so that a write by either one locks the entry the other reads. Each deployment has its own
 * database here, so that what each reads shows where it came from.
 */
@ExtendWith(PrivateRedisExtension.class)
class RollingDeploymentTest {

	private static SessionFactory deployment(RedisServerProcess redis, String prefix, Class<?> entity) {
		return new Configuration()
				.addAnnotatedClass( entity )
				.setProperty( "hibernate.connection.url", "jdbc:h2:mem:rolling_" + UUID.randomUUID().toString().replace( "-", "" ) + ";DB_CLOSE_DELAY=-1" )
				.setProperty( "hibernate.hbm2ddl.auto", "create" )
				.setProperty( "hibernate.cache.use_second_level_cache", "true" )
				.setProperty( "hibernate.cache.region.factory_class", "redisl2" )
				.setProperty( "hibernate.generate_statistics", "true" )
				.setProperty( RedisCacheSettings.URL, redis.url() )
				.setProperty( RedisCacheSettings.KEY_PREFIX, prefix )
				.buildSessionFactory();
	}

	@Test
	void entriesOfAnotherShapeAreMisses_andBothShapesShareOneKey(RedisServerProcess redis) {
		String prefix = "rolling-" + UUID.randomUUID().toString().substring( 0, 8 );
		try ( SessionFactory oldApp = deployment( redis, prefix, ShapeV1.class );
				SessionFactory newApp = deployment( redis, prefix, ShapeV2.class );
				RedisClient jedis = RedisClient.create( URI.create( redis.url() ) ) ) {
			oldApp.inTransaction( s -> s.persist( new ShapeV1( 1L, "old" ) ) );
			newApp.inTransaction( s -> s.persist( new ShapeV2( 1L, "new", "red" ) ) );
			oldApp.getCache().evictAllRegions();
			oldApp.fromTransaction( s -> s.find( ShapeV1.class, 1L ) ); // the old deployment caches its shape

			ShapeV2 seenByNew = newApp.fromTransaction( s -> s.find( ShapeV2.class, 1L ) );
			assertEquals( "new", seenByNew.name, "the new deployment must not assemble the old shape's entry" );
			assertEquals( "red", seenByNew.colour );
			assertEquals( 0, newApp.getStatistics().getSecondLevelCacheHitCount(), "another shape's entry is a miss" );

			ShapeV1 seenByOld = oldApp.fromTransaction( s -> s.find( ShapeV1.class, 1L ) );
			assertEquals( "old", seenByOld.name );
			assertEquals( 1, jedis.keys( prefix + ":shapes:{*" ).size(), "one key per id, whatever the shape" );

			// a write by the new deployment locks the one entry the old deployment reads
			newApp.fromTransaction( s -> s.find( ShapeV2.class, 1L ) );
			newApp.inTransaction( s -> s.find( ShapeV2.class, 1L ).colour = "blue" );
			String raw = jedis.get( jedis.keys( prefix + ":shapes:{*" ).iterator().next() );
			assertEquals( 'V', raw.charAt( 0 ), raw );
			long oldHits = oldApp.getStatistics().getSecondLevelCacheHitCount();
			oldApp.fromTransaction( s -> s.find( ShapeV1.class, 1L ) );
			assertEquals( oldHits, oldApp.getStatistics().getSecondLevelCacheHitCount(), "the old deployment does not serve its stale entry" );
		}
	}
}
