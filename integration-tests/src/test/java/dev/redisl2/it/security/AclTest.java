package dev.redisl2.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.hibernate.metrics.CacheMonitor;
import dev.redisl2.sample.Country;
import dev.redisl2.it.LogCapture;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Genre;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provider works with a Redis ACL user that may run only the commands it needs, on keys under its
 * prefix only, with credentials from the URL or from the settings; a wrong password bypasses the cache
 * without stopping the application; no password shows up in logs or exception messages.
 */
@ExtendWith(PrivateRedisExtension.class)
class AclTest {

	/** The rules of docs/security.md's standalone recipe: the doc is the source, so the two cannot drift. */
	static final List<String> COMMANDS = AclRecipes.rules( "standalone" );

	private static final String PASSWORD = "acl-Secret-9931";
	private static final AtomicInteger SEQ = new AtomicInteger();

	@Test
	void aUserWithOnlyTheListedCommandsRunsEveryCachePath(RedisServerProcess redis) {
		String prefix = "acl-" + SEQ.incrementAndGet();
		createUser( redis, "cache", prefix );
		try ( LogCapture log = LogCapture.start() ) {
			EntityManagerFactory emf = boot( "redis://cache:" + PASSWORD + "@127.0.0.1:" + redis.port(), prefix, Map.of() );
			try {
				exerciseEveryPath( emf );
				RedisRegionFactory factory = factory( emf );
				assertEquals( 0, factory.store().failures(), () -> "Redis refused calls: " + log.lines( "WARN", "" ) );
				assertEquals( 0, factory.breaker().openings() );
			}
			finally {
				emf.close();
			}
			assertTrue( log.lines( "WARN", "redisl2" ).isEmpty(), () -> "warnings: " + log.lines( "WARN", "redisl2" ) );
			assertFalse( log.text().contains( PASSWORD ), "the password was logged" );
		}
	}

	/** The near-cache recipe: its invalidation channel proves itself alive, so the near cache serves hits. */
	@Test
	void theNearCacheRecipe_letsTheNearCacheServe(RedisServerProcess redis) throws Exception {
		String prefix = "acl-" + SEQ.incrementAndGet();
		createUser( redis, "near", prefix, AclRecipes.rules( "near-cache" ) );
		Map<String, Object> near = Map.of( "hibernate.cache.redis.near_cache.max_entries", "1000" );
		String url = "redis://near:" + PASSWORD + "@127.0.0.1:" + redis.port();
		EntityManagerFactory a = boot( url, prefix, near );
		try {
			TwoNodes.inTx( a, em -> em.persist( new Country( "IS", "Iceland" ) ) );
			CacheMonitor monitor = CacheMonitor.of( a.unwrap( org.hibernate.SessionFactory.class ) );
			long deadline = System.nanoTime() + 5_000_000_000L;
			long hits = 0;
			while ( hits == 0 && System.nanoTime() < deadline ) { // until the invalidation channel proves itself alive
				TwoNodes.fromTx( a, em -> em.find( Country.class, "IS" ) );
				hits = monitor.regions().stream().filter( r -> r.near() != null ).mapToLong( r -> r.near().hits() ).sum();
				Thread.sleep( 50 );
			}
			assertTrue( hits > 0, "the near cache served reads under the recipe's rules" );
			assertEquals( 0, factory( a ).store().failures() );
		}
		finally {
			a.close();
		}
	}

	@Test
	void credentialsFromTheSettingsOverrideTheUrl(RedisServerProcess redis) {
		String prefix = "acl-" + SEQ.incrementAndGet();
		createUser( redis, "cache2", prefix );
		EntityManagerFactory emf = boot( "redis://nobody:wrong@127.0.0.1:" + redis.port(), prefix,
				Map.of( RedisCacheSettings.USER, "cache2", RedisCacheSettings.PASSWORD, PASSWORD ) );
		try {
			exerciseEveryPath( emf );
			assertEquals( 0, factory( emf ).store().failures() );
		}
		finally {
			emf.close();
		}
	}

	@Test
	void aWrongPasswordBypassesTheCacheAndIsNeverPrinted(RedisServerProcess redis) {
		String prefix = "acl-" + SEQ.incrementAndGet();
		createUser( redis, "cache3", prefix );
		String wrong = "wrong-" + PASSWORD;
		try ( LogCapture log = LogCapture.start() ) {
			EntityManagerFactory emf = boot( "redis://cache3:" + wrong + "@127.0.0.1:" + redis.port(), prefix, Map.of() );
			try {
				assertTrue( factory( emf ).breaker().isOpen() );
				long id = TwoNodes.fromTx( emf, em -> {
					Counter counter = new Counter( 1L, 1 );
					em.persist( counter );
					return counter.getId();
				} );
				assertEquals( 1, TwoNodes.fromTx( emf, em -> em.find( Counter.class, id ) ).getValue() );
			}
			finally {
				emf.close();
			}
			// one warning for the outage (and, at shutdown, one for the insert Redis never heard of)
			List<String> warnings = log.lines( "WARN", "is not usable" );
			assertEquals( 1, warnings.size(), () -> "one warning: " + log.lines( "WARN", "redisl2" ) );
			assertTrue( warnings.get( 0 ).contains( "WRONGPASS" ), warnings.get( 0 ) );
			assertEquals( 2, log.lines( "WARN", "redisl2" ).size(), () -> "warnings: " + log.lines( "WARN", "redisl2" ) );
			assertFalse( log.text().contains( wrong ), "the password was logged" );
			assertFalse( log.text().contains( PASSWORD ), "the password was logged" );
		}
	}

	@Test
	void aBadUrlFailsTheBootstrapWithoutQuotingThePassword(RedisServerProcess redis) {
		RuntimeException e = assertThrows( RuntimeException.class,
				() -> boot( "redis://cache:" + PASSWORD + "@127.0.0.1:" + redis.port() + "/not-a-db", "acl-bad", Map.of() ).close() );
		for ( Throwable t = e; t != null; t = t.getCause() ) {
			assertFalse( String.valueOf( t.getMessage() ).contains( PASSWORD ), "the password in: " + t.getMessage() );
			assertFalse( String.valueOf( t ).contains( PASSWORD ), "the password in: " + t );
		}
	}

	// ---------------------------------------------------------------- helpers

	private static void createUser(RedisServerProcess redis, String user, String prefix) {
		createUser( redis, user, prefix, COMMANDS );
	}

	private static void createUser(RedisServerProcess redis, String user, String prefix, List<String> rules) {
		String[] command = new String[6 + rules.size()];
		int i = 0;
		command[i++] = "ACL";
		command[i++] = "SETUSER";
		command[i++] = user;
		command[i++] = "on";
		command[i++] = ">" + PASSWORD;
		command[i++] = "~" + prefix + ":*";
		for ( String rule : rules ) {
			command[i++] = rule;
		}
		assertEquals( "OK", redis.command( command ) );
	}

	/** Insert, hit, miss and load, read-write and nonstrict update and delete, query cache, bulk update, evictions. */
	static void exerciseEveryPath(EntityManagerFactory emf) {
		long bookId = TwoNodes.fromTx( emf, em -> {
			Book book = new Book( "isbn-acl", "ACL", new BigDecimal( "2.00" ), LocalDate.of( 2010, 1, 1 ), Genre.SCIENCE, null );
			em.persist( book );
			return book.getId();
		} );
		long authorId = TwoNodes.fromTx( emf, em -> {
			Author author = new Author( "ACL Author", new Address( "1 Street", "City", "00000" ) );
			em.persist( author );
			return author.getId();
		} );
		TwoNodes.inTx( emf, em -> em.persist( new Counter( 9L, 0 ) ) );
		StatsProbe probe = StatsProbe.of( emf );
		for ( int i = 0; i < 3; i++ ) {
			TwoNodes.fromTx( emf, em -> em.find( Book.class, bookId ) );
			TwoNodes.fromTx( emf, em -> em.find( Author.class, authorId ) );
			queryTitles( emf );
		}
		assertTrue( probe.l2Hits() > 0, probe.toString() );
		TwoNodes.inTx( emf, em -> em.find( Book.class, bookId ).setTitle( "ACL 2" ) );
		TwoNodes.inTx( emf, em -> em.find( Author.class, authorId ).setName( "ACL Author 2" ) );
		TwoNodes.inTx( emf, em -> em.find( Counter.class, 9L ).increment() );
		assertEquals( List.of( "ACL 2" ), queryTitles( emf ) );
		TwoNodes.inTx( emf, em -> em.createQuery( "update Counter c set c.value = c.value + 1" ).executeUpdate() );
		assertEquals( 2, TwoNodes.fromTx( emf, em -> em.find( Counter.class, 9L ) ).getValue() );
		TwoNodes.inTx( emf, em -> em.remove( em.find( Author.class, authorId ) ) );
		TwoNodes.inTx( emf, em -> em.remove( em.find( Book.class, bookId ) ) );
		assertNull( TwoNodes.fromTx( emf, em -> em.find( Book.class, bookId ) ) );
		emf.getCache().evictAll();
		emf.unwrap( org.hibernate.SessionFactory.class ).getCache().evictAllRegions();
	}

	private static List<String> queryTitles(EntityManagerFactory emf) {
		return TwoNodes.fromTx( emf, em -> em.createQuery( "select b.title from Book b where b.isbn = 'isbn-acl'", String.class )
				.setHint( "org.hibernate.cacheable", true )
				.getResultList() );
	}

	private static EntityManagerFactory boot(String url, String prefix, Map<String, Object> extra) {
		int n = SEQ.incrementAndGet();
		return SampleApp.entityManagerFactory( SampleApp.UNIT_SAMPLE, SampleApp.settings()
				.redisUrl( url )
				.keyPrefix( prefix )
				.jdbcUrl( SampleApp.h2MemUrl( "AclTest" + n ) )
				.schemaAction( "create" )
				.setAll( extra )
				.build() );
	}

	static RedisRegionFactory factory(EntityManagerFactory emf) {
		return (RedisRegionFactory) emf.unwrap( SessionFactoryImplementor.class ).getCache().getRegionFactory();
	}
}
