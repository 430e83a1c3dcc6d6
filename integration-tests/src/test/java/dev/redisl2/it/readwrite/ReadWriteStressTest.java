package dev.redisl2.it.readwrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import redis.clients.jedis.RedisClient;

import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes (two SessionFactories on one H2 database and one Redis) hammer three hot rows: a versioned
 * entity, an unversioned one and a cached collection. Afterwards every node must serve exactly the
 * database's state through its cache. The same workload over Hibernate's stock read-write access on
 * the same Redis shows why that is not a given. Duration: {@code -Dstress.seconds=N} (default 20 in
 * all, split between the two providers).
 */
@ExtendWith(PrivateRedisExtension.class)
class ReadWriteStressTest {

	private static final long MILLIS = Long.getLong( "stress.seconds", 20 ) * 1000 / 2;
	private static final int ROUNDS = Integer.getInteger( "stress.rounds", 40 );
	private static final int THREADS_PER_NODE = Integer.getInteger( "stress.threads", 6 );
	/** How far node B's wall clock runs ahead of node A's: NTP keeps real servers within milliseconds, not zero. */
	private static final long SKEW_MILLIS = Long.getLong( "stress.skew_ms", 25 );

	@Test
	@Timeout(600)
	void redisl2ServesNoStaleEntry_whereStockReadWriteDoes(RedisServerProcess redis) throws Exception {
		HotRowsWorkload.Result ours = run( redis, "redisl2" );
		report( "redisl2 read-write", ours );
		// a stale entry survives only until the row's next update: if a run happens to catch none, run again
		HotRowsWorkload.Result stock = null;
		for ( int attempt = 1; attempt <= 3 && ( stock == null || stock.stale() == 0 ); attempt++ ) {
			stock = run( redis, StockReadWriteRegionFactory.class.getName() );
			report( "stock read-write", stock );
		}
		assertEquals( 0, ours.stale(), "redisl2 served stale entries: " + ours.staleDetails() );
		assertTrue( ours.operations() > 1000 && ours.updates() > 300, "the workload did too little to mean anything" );
		assertTrue( stock.stale() > 0, "the stock strategy left no stale entry: the contention is too low for this test to mean anything" );
	}

	private static void report(String name, HotRowsWorkload.Result r) {
		System.out.printf( "[stress] %-19s skew=%dms threads=%d operations=%d updates=%d conflicts=%d errors=%d stale entries=%d%n",
				name, SKEW_MILLIS, 2 * THREADS_PER_NODE, r.operations(), r.updates(), r.conflicts(), r.errors(), r.stale() );
		r.staleDetails().forEach( line -> System.out.println( "[stress]   " + line ) );
	}

	private static HotRowsWorkload.Result run(RedisServerProcess redis, String factoryClass) throws Exception {
		String db = "stress_" + UUID.randomUUID().toString().replace( "-", "" );
		String prefix = "stress-" + UUID.randomUUID().toString().substring( 0, 8 );
		Clock ahead = Clock.offset( Clock.systemUTC(), Duration.ofMillis( SKEW_MILLIS ) );
		try ( SessionFactory a = boot( redis, factoryClass, db, prefix, "create", Clock.systemUTC() );
				SessionFactory b = boot( redis, factoryClass, db, prefix, "none", ahead ) ) {
			HotRowsWorkload.seed( a );
			try ( var jedis = RedisClient.create( java.net.URI.create( redis.url() ) ) ) {
				return new HotRowsWorkload( List.of( a, b ), THREADS_PER_NODE, MILLIS, id -> dump( jedis, prefix, id ) ).run( ROUNDS );
			}
		}
	}

	private static String dump(redis.clients.jedis.UnifiedJedis jedis, String prefix, long id) {
		StringBuilder out = new StringBuilder();
		for ( String key : jedis.keys( prefix + ":*" + id + "}*" ) ) {
			byte[] raw = jedis.get( key.getBytes( java.nio.charset.StandardCharsets.UTF_8 ) );
			String text = raw == null ? "null" : new String( raw, java.nio.charset.StandardCharsets.ISO_8859_1 );
			out.append( key ).append( " = " ).append( text.length() > 120 ? text.substring( 0, 120 ) : text ).append( "; " );
		}
		return out.toString().replace( '\n', '|' );
	}

	static SessionFactory boot(RedisServerProcess redis, String factoryClass, String db, String prefix, String schema,
			Clock wallClock) {
		Configuration configuration = new Configuration();
		configuration.getProperties().put( "hibernate.cache.redis.wall_clock", wallClock );
		return configuration
				.addAnnotatedClass( HotBook.class )
				.addAnnotatedClass( HotCounter.class )
				.addAnnotatedClass( HotShelf.class )
				.setProperty( "hibernate.connection.url", "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000" )
				.setProperty( "hibernate.connection.username", "sa" )
				.setProperty( "hibernate.connection.pool_size", String.valueOf( 2 * THREADS_PER_NODE + 4 ) )
				.setProperty( "hibernate.hbm2ddl.auto", schema )
				.setProperty( "hibernate.cache.use_second_level_cache", "true" )
				.setProperty( "hibernate.cache.region.factory_class", factoryClass )
				.setProperty( "hibernate.cache.redis.url", redis.url() )
				.setProperty( "hibernate.cache.redis.key_prefix", prefix )
				.buildSessionFactory();
	}
}
