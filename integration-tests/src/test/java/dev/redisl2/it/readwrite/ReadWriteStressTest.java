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
		HotRowsWorkload.Result ours = run( redis, "redisl2", THREADS_PER_NODE, SKEW_MILLIS );
		assertEquals( 0, ours.stale(), "redisl2 served stale entries: " + ours.staleDetails() );
		assertTrue( ours.operations() > 1000 && ours.updates() > 300, "the workload did too little to mean anything" );
		// A stale entry survives only until its row's next update, and the stock strategy's races need a
		// thread to be preempted between its read and its write, so a run may catch none. Raise the
		// contention until it shows: twice the threads and twice the clock skew at each attempt.
		HotRowsWorkload.Result stock = null;
		int threads = THREADS_PER_NODE;
		long skew = SKEW_MILLIS;
		for ( int attempt = 1; attempt <= 4; attempt++ ) {
			stock = run( redis, StockReadWriteRegionFactory.class.getName(), threads, skew );
			if ( stock.stale() > 0 || attempt == 4 ) {
				break;
			}
			threads *= 2;
			skew *= 2;
		}
		assertTrue( stock.stale() > 0, "the stock strategy left no stale entry: the contention is too low for this test to mean anything" );
		if ( threads != THREADS_PER_NODE ) {
			// the contention that made the stock strategy fail must not make ours fail either
			HotRowsWorkload.Result escalated = run( redis, "redisl2", threads, skew );
			assertEquals( 0, escalated.stale(), "redisl2 served stale entries at " + 2 * threads + " threads and " + skew
					+ " ms of skew: " + escalated.staleDetails() );
		}
	}

	private static void report(String name, int threadsPerNode, long skew, HotRowsWorkload.Result r) {
		System.out.printf( "[stress] %-19s threads=%d skew=%dms operations=%d updates=%d conflicts=%d errors=%d stale entries=%d%n",
				name, 2 * threadsPerNode, skew, r.operations(), r.updates(), r.conflicts(), r.errors(), r.stale() );
		r.staleDetails().forEach( line -> System.out.println( "[stress]   " + line ) );
	}

	private static HotRowsWorkload.Result run(RedisServerProcess redis, String factoryClass, int threadsPerNode, long skewMillis)
			throws Exception {
		String db = "stress_" + UUID.randomUUID().toString().replace( "-", "" );
		String prefix = "stress-" + UUID.randomUUID().toString().substring( 0, 8 );
		Clock ahead = Clock.offset( Clock.systemUTC(), Duration.ofMillis( skewMillis ) );
		try ( SessionFactory a = boot( redis, factoryClass, db, prefix, "create", Clock.systemUTC(), threadsPerNode );
				SessionFactory b = boot( redis, factoryClass, db, prefix, "none", ahead, threadsPerNode );
				var jedis = RedisClient.create( java.net.URI.create( redis.url() ) ) ) {
			HotRowsWorkload.seed( a );
			HotRowsWorkload.Result result = new HotRowsWorkload( List.of( a, b ), threadsPerNode, MILLIS, id -> dump( jedis, prefix, id ) )
					.run( ROUNDS );
			report( factoryClass.equals( "redisl2" ) ? "redisl2 read-write" : "stock read-write", threadsPerNode, skewMillis, result );
			return result;
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
			Clock wallClock, int threadsPerNode) {
		Configuration configuration = new Configuration();
		configuration.getProperties().put( "hibernate.cache.redis.wall_clock", wallClock );
		return configuration
				.addAnnotatedClass( HotBook.class )
				.addAnnotatedClass( HotCounter.class )
				.addAnnotatedClass( HotShelf.class )
				.setProperty( "hibernate.connection.url", "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000" )
				.setProperty( "hibernate.connection.username", "sa" )
				.setProperty( "hibernate.connection.pool_size", String.valueOf( 2 * threadsPerNode + 4 ) )
				.setProperty( "hibernate.hbm2ddl.auto", schema )
				.setProperty( "hibernate.cache.use_second_level_cache", "true" )
				.setProperty( "hibernate.cache.region.factory_class", factoryClass )
				.setProperty( "hibernate.cache.redis.url", redis.url() )
				.setProperty( "hibernate.cache.redis.key_prefix", prefix )
				.buildSessionFactory();
	}
}
