package dev.redisl2.it.bootstrap;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.redisl2.support.Clients;
import redis.clients.jedis.UnifiedJedis;

@ExtendWith(PrivateRedisExtension.class)
class ProviderBootstrapTest {

	private static SessionFactory boot(RedisServerProcess redis, Map<String, Object> extra, Class<?>... entities) {
		Configuration configuration = new Configuration();
		for ( Class<?> entity : entities ) {
			configuration.addAnnotatedClass( entity );
		}
		configuration.getProperties().putAll( Map.of(
				"hibernate.connection.url", "jdbc:h2:mem:boot_" + UUID.randomUUID().toString().replace( "-", "" ) + ";DB_CLOSE_DELAY=-1",
				"hibernate.hbm2ddl.auto", "create",
				"hibernate.cache.use_second_level_cache", "true",
				"hibernate.cache.region.factory_class", "redisl2",
				"hibernate.generate_statistics", "true",
				RedisCacheSettings.URL, redis.url(),
				RedisCacheSettings.KEY_PREFIX, "boot-" + UUID.randomUUID().toString().substring( 0, 8 ) ) );
		configuration.getProperties().putAll( extra );
		return configuration.buildSessionFactory();
	}

	private static String messages(Throwable e) {
		StringBuilder all = new StringBuilder();
		for ( Throwable t = e; t != null; t = t.getCause() ) {
			all.append( t.getMessage() ).append( " | " );
		}
		return all.toString();
	}

	private static void inTx(SessionFactory factory, Consumer<Session> work) {
		factory.inTransaction( work );
	}

	@Test
	void aMisconfiguredSetting_failsTheBootstrapNamingIt(RedisServerProcess redis) {
		Exception e = assertThrows( Exception.class, () -> boot( redis, Map.of( RedisCacheSettings.TTL, "ten minutes" ), Missing.class ) );
		assertTrue( messages( e ).contains( "'" + RedisCacheSettings.TTL + "'" ), messages( e ) );
		e = assertThrows( Exception.class, () -> boot( redis, Map.of( RedisCacheSettings.URL, "http://127.0.0.1:1" ), Missing.class ) );
		assertTrue( messages( e ).contains( "'" + RedisCacheSettings.URL + "'" ), messages( e ) );
		e = assertThrows( Exception.class, () -> boot( redis, Map.of( RedisCacheSettings.CODEC_ALLOWED_TYPES, "java.*" ), Missing.class ) );
		assertTrue( messages( e ).contains( "'" + RedisCacheSettings.CODEC_ALLOWED_TYPES + "'" ), messages( e ) );
	}

	@Test
	void transactionalAccess_isRefusedNamingTheEntityAndSuggestingReadWrite(RedisServerProcess redis) {
		Exception e = assertThrows( Exception.class, () -> boot( redis, Map.of(), TransactionalNote.class ) );
		String text = messages( e );
		assertTrue( text.contains( TransactionalNote.class.getName() ) && text.contains( "READ_WRITE" ), text );
	}

	@Test
	void anApplicationSuppliedClient_isUsed_andNotClosedWithTheFactory(RedisServerProcess redis) {
		try ( UnifiedJedis client = Clients.standalone( redis.url() ) ) {
			String prefix = "supplied-" + UUID.randomUUID().toString().substring( 0, 8 );
			Map<String, Object> settings = new HashMap<>();
			settings.put( RedisCacheSettings.CLIENT_INSTANCE, client );
			settings.put( RedisCacheSettings.URL, "redis://127.0.0.1:1" ); // ignored: the instance wins
			settings.put( RedisCacheSettings.KEY_PREFIX, prefix );
			try ( SessionFactory factory = boot( redis, settings, Missing.class ) ) {
				inTx( factory, s -> s.persist( new Missing( 1L, "one" ) ) );
				assertNotNull( factory.fromTransaction( s -> s.find( Missing.class, 1L ) ) );
			}
			assertFalse( client.keys( prefix + ":*" ).isEmpty(), "entries were written through the supplied client" );
			assertEquals( "PONG", client.ping(), "the provider must not close a client it did not create" );
		}
	}

	@Test
	void hibernatesRegionPrefix_isPartOfTheKeys(RedisServerProcess redis) {
		String prefix = "regions-" + UUID.randomUUID().toString().substring( 0, 8 );
		try ( SessionFactory factory = boot( redis, Map.of( "hibernate.cache.region_prefix", "billing",
				RedisCacheSettings.KEY_PREFIX, prefix ), Missing.class );
				UnifiedJedis jedis = Clients.standalone( redis.url() ) ) {
			factory.inTransaction( s -> s.persist( new Missing( 5L, "five" ) ) );
			assertEquals( java.util.Set.of( prefix + ":billing.missing:{Missing#5}" ), jedis.keys( prefix + ":*{*" ) );
		}
	}

	@Test
	void negativeCache_answersMissingIdsWithoutTheDatabase_untilTheIdIsInserted(RedisServerProcess redis) {
		Map<String, Object> settings = Map.of( RedisCacheSettings.REGION_PREFIX + "missing" + RedisCacheSettings.REGION_NEGATIVE_TTL_SUFFIX, "30s" );
		try ( SessionFactory nodeA = boot( redis, settings, Missing.class ) ) {
			Statistics stats = nodeA.getStatistics();
			assertNull( nodeA.fromTransaction( s -> s.find( Missing.class, 42L ) ) );
			long statements = stats.getPrepareStatementCount();
			for ( int i = 0; i < 3; i++ ) {
				assertNull( nodeA.fromTransaction( s -> s.find( Missing.class, 42L ) ) );
			}
			assertEquals( statements, stats.getPrepareStatementCount(), "repeated lookups of a missing id must not reach the database" );
			inTx( nodeA, s -> s.persist( new Missing( 42L, "now here" ) ) );
			Missing found = nodeA.fromTransaction( s -> s.find( Missing.class, 42L ) );
			assertNotNull( found, "the insert replaced the marker" );
			assertEquals( "now here", found.name );
		}
	}

	/** Issue 12, hole 9: an insert that cannot be cached (here: not encodable) still removes the marker. */
	@Test
	void negativeCache_anInsertThatIsNotCached_stillRemovesTheNotFoundMarker(RedisServerProcess redis) {
		Map<String, Object> settings = Map.of( RedisCacheSettings.REGION_PREFIX + "unencodable" + RedisCacheSettings.REGION_NEGATIVE_TTL_SUFFIX, "30s" );
		try ( SessionFactory node = boot( redis, settings, UnencodableMissing.class ) ) {
			assertNull( node.fromTransaction( s -> s.find( UnencodableMissing.class, 43L ) ) );
			inTx( node, s -> s.persist( new UnencodableMissing( 43L, "opaque" ) ) );
			assertNotNull( node.fromTransaction( s -> s.find( UnencodableMissing.class, 43L ) ),
					"the row exists: no node may keep answering 'not found'" );
		}
	}

	@Test
	void withoutANegativeTtl_missingIdsGoToTheDatabaseEveryTime(RedisServerProcess redis) {
		try ( SessionFactory node = boot( redis, Map.of(), Missing.class ) ) {
			Statistics stats = node.getStatistics();
			node.fromTransaction( s -> s.find( Missing.class, 7L ) );
			long statements = stats.getPrepareStatementCount();
			node.fromTransaction( s -> s.find( Missing.class, 7L ) );
			assertEquals( statements + 1, stats.getPrepareStatementCount() );
		}
	}
}
