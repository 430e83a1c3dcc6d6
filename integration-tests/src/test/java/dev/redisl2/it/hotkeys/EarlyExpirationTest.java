package dev.redisl2.it.hotkeys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManagerFactory;

import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Country;
import dev.redisl2.sample.SampleApp;

import org.junit.jupiter.api.Test;

/**
 * A hot entry with a 2 s TTL read without pause by 8 threads on two nodes for 8 s (after one TTL of
 * warm-up): with early expiration
 * (XFetch) one reader refreshes it shortly before each expiry, so database loads stay near one per TTL
 * cycle; without it, every expiry lets the readers that miss together all load it.
 */
class EarlyExpirationTest extends TwoNodeTestBase {

	private static final long RUN_MILLIS = 8_000;
	private static final long TTL_MILLIS = 2_000;
	private static final Map<String, Object> SHORT_TTL = Map.of(
			"hibernate.cache.redis.region.dev.redisl2.sample.Country.ttl", TTL_MILLIS + "ms",
			"hibernate.cache.redis.ttl_jitter", "0" );

	@Override
	protected Map<String, Object> settings() {
		Map<String, Object> settings = new java.util.HashMap<>( SHORT_TTL );
		settings.put( "hibernate.cache.redis.early_expiration.beta", "1" );
		return settings;
	}

	/** Both runs in one test, on the same machine at the same time, so that the comparison means something. */
	@Test
	void steadyReadsOfAnEntryWithAShortTtl_loadItAboutOncePerCycle() throws Exception {
		double cycles = (double) RUN_MILLIS / TTL_MILLIS;
		long with = steadyLoad( a, b, "XX" );
		long without;
		try ( TwoNodes off = TwoNodes.open( redis, SampleApp.UNIT_SAMPLE, getClass(), "off", SHORT_TTL ) ) {
			without = steadyLoad( off.a(), off.b(), "XY" );
		}
		System.out.printf( "[xfetch] database loads over %.0f TTL cycles: %d with early expiration (%.2f per cycle), %d without (%.2f per cycle)%n",
				cycles, with, with / cycles, without, without / cycles );
		// a refresh restarts the TTL ahead of time, so a little more than one load per cycle is the design
		assertTrue( with <= cycles * 2, "loads per cycle should stay near one: " + with + " over " + cycles + " cycles" );
		assertTrue( without >= 2 * with, "without early expiration, expiry should cost far more loads: " + without + " without, " + with + " with" );
	}

	/** Readers run one TTL to warm up (the first loads and refreshes of a fresh JVM are slow), then are counted. */
	private static long steadyLoad(EntityManagerFactory a, EntityManagerFactory b, String code) throws Exception {
		TwoNodes.inTx( a, em -> em.persist( new Country( code, "Hotland" ) ) );
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos( TTL_MILLIS + RUN_MILLIS );
		ExecutorService pool = Executors.newFixedThreadPool( 8 );
		List<Future<?>> readers = new ArrayList<>();
		try {
			for ( int i = 0; i < 8; i++ ) {
				EntityManagerFactory node = i % 2 == 0 ? a : b;
				readers.add( pool.submit( () -> {
					while ( System.nanoTime() < deadline ) {
						TwoNodes.fromTx( node, em -> em.find( Country.class, code ).getName() );
					}
				} ) );
			}
			Thread.sleep( TTL_MILLIS );
			long before = Nodes.entityLoads( a ) + Nodes.entityLoads( b );
			for ( Future<?> reader : readers ) {
				reader.get( RUN_MILLIS + 30_000, TimeUnit.MILLISECONDS );
			}
			return Nodes.entityLoads( a ) + Nodes.entityLoads( b ) - before;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
