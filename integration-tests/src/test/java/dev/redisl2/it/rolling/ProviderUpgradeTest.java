package dev.redisl2.it.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.util.UUID;

import dev.redisl2.hibernate.PreviousEntryFormatRegionFactory;
import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.RedisClient;

/**
 * A rolling upgrade of the provider itself: a node on the previous entry format and nodes on this build's
 * format share one Redis and one mapping. An entry written under the other format must be a miss (never
 * decoded under rules it was not written with), both formats must use one key per id so that a write by
 * either locks what the other reads, and nodes of the same format must still share their entries. Each
 * node has its own database, so what each reads shows where it came from.
 */
@ExtendWith(PrivateRedisExtension.class)
class ProviderUpgradeTest {

	private static SessionFactory node(RedisServerProcess redis, String prefix, String factoryClass) {
		return new Configuration()
				.addAnnotatedClass( ShapeV1.class )
				.setProperty( "hibernate.connection.url", "jdbc:h2:mem:upgrade_" + UUID.randomUUID().toString().replace( "-", "" ) + ";DB_CLOSE_DELAY=-1" )
				.setProperty( "hibernate.hbm2ddl.auto", "create" )
				.setProperty( "hibernate.cache.use_second_level_cache", "true" )
				.setProperty( "hibernate.cache.use_query_cache", "true" )
				.setProperty( "hibernate.cache.region.factory_class", factoryClass )
				.setProperty( "hibernate.generate_statistics", "true" )
				.setProperty( RedisCacheSettings.URL, redis.url() )
				.setProperty( RedisCacheSettings.KEY_PREFIX, prefix )
				.buildSessionFactory();
	}

	private static String fingerprint(String raw) {
		return raw.substring( 0, raw.indexOf( '\n' ) ).split( " " )[4];
	}

	@Test
	void entriesOfTheOtherProviderFormatAreMisses_onOneSharedKey(RedisServerProcess redis) {
		String prefix = "upgrade-" + UUID.randomUUID().toString().substring( 0, 8 );
		try ( SessionFactory previous = node( redis, prefix, PreviousEntryFormatRegionFactory.class.getName() );
				SessionFactory upgraded = node( redis, prefix, "redisl2" );
				SessionFactory upgradedPeer = node( redis, prefix, "redisl2" );
				RedisClient jedis = RedisClient.create( URI.create( redis.url() ) ) ) {
			// each insert is cached; evicting after each keeps the next node's transient check off the cache
			previous.inTransaction( s -> s.persist( new ShapeV1( 1L, "previous" ) ) );
			previous.getCache().evictAllRegions();
			upgraded.inTransaction( s -> s.persist( new ShapeV1( 1L, "upgraded" ) ) );
			previous.getCache().evictAllRegions();
			upgradedPeer.inTransaction( s -> s.persist( new ShapeV1( 1L, "peer" ) ) );
			previous.getCache().evictAllRegions();
			previous.fromTransaction( s -> s.find( ShapeV1.class, 1L ) ); // the previous format caches its entry
			String key = jedis.keys( prefix + ":shapes:{*" ).iterator().next();
			String previousFingerprint = fingerprint( jedis.get( key ) );

			ShapeV1 seenByUpgraded = upgraded.fromTransaction( s -> s.find( ShapeV1.class, 1L ) );
			assertEquals( "upgraded", seenByUpgraded.name, "the upgraded node must not decode the previous format's entry" );
			assertEquals( 0, upgraded.getStatistics().getSecondLevelCacheHitCount(), "another format's entry is a miss" );
			assertEquals( 1, jedis.keys( prefix + ":shapes:{*" ).size(), "one key per id, whatever the format" );
			String upgradedFingerprint = fingerprint( jedis.get( key ) );
			assertNotEquals( previousFingerprint, upgradedFingerprint, "the upgraded node's load replaced the other format's entry" );

			ShapeV1 seenByPeer = upgradedPeer.fromTransaction( s -> s.find( ShapeV1.class, 1L ) );
			assertEquals( "upgraded", seenByPeer.name, "nodes of one format still share their entries" );
			assertEquals( 1, upgradedPeer.getStatistics().getSecondLevelCacheHitCount() );

			ShapeV1 seenByPrevious = previous.fromTransaction( s -> s.find( ShapeV1.class, 1L ) );
			assertEquals( "previous", seenByPrevious.name );
			assertEquals( 0, previous.getStatistics().getSecondLevelCacheHitCount(), "the previous format misses the upgraded entry" );
			assertEquals( previousFingerprint, fingerprint( jedis.get( key ) ) );

			// a write by the upgraded node locks the one entry the previous node reads
			upgraded.inTransaction( s -> s.find( ShapeV1.class, 1L ).name = "upgraded again" );
			assertEquals( 'V', jedis.get( key ).charAt( 0 ) );
			assertEquals( upgradedFingerprint, fingerprint( jedis.get( key ) ), "the write replaced the previous format's entry" );
			previous.fromTransaction( s -> s.find( ShapeV1.class, 1L ) );
			assertEquals( 0, previous.getStatistics().getSecondLevelCacheHitCount(), "the previous node does not serve a stale entry" );
		}
	}

	@Test
	void queryResultsOfTheOtherProviderFormatAreMisses(RedisServerProcess redis) {
		String prefix = "upgrade-q-" + UUID.randomUUID().toString().substring( 0, 8 );
		try ( SessionFactory previous = node( redis, prefix, PreviousEntryFormatRegionFactory.class.getName() );
				SessionFactory upgraded = node( redis, prefix, "redisl2" );
				SessionFactory upgradedPeer = node( redis, prefix, "redisl2" ) ) {
			previous.inTransaction( s -> s.persist( new ShapeV1( 1L, "previous" ) ) );
			previous.getCache().evictAllRegions();
			upgraded.inTransaction( s -> s.persist( new ShapeV1( 1L, "upgraded" ) ) );
			previous.getCache().evictAllRegions();
			upgradedPeer.inTransaction( s -> s.persist( new ShapeV1( 1L, "peer" ) ) );
			previous.getCache().evictAllRegions();

			assertEquals( "previous", name( previous ) ); // cached by the previous format
			assertEquals( "upgraded", name( upgraded ), "the upgraded node must not decode the previous format's result" );
			assertEquals( 0, upgraded.getStatistics().getQueryCacheHitCount(), "another format's result is a miss" );
			assertEquals( "upgraded", name( upgradedPeer ), "nodes of one format still share their results" );
			assertEquals( 1, upgradedPeer.getStatistics().getQueryCacheHitCount() );
		}
	}

	private static String name(SessionFactory node) {
		return node.fromTransaction( s -> s.createQuery( "select s.name from Shape s where s.id = 1", String.class )
				.setCacheable( true ).getSingleResult() );
	}
}
