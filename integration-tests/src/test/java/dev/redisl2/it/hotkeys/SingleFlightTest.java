package dev.redisl2.it.hotkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManagerFactory;

import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;
import dev.redisl2.sample.SampleApp;

import org.junit.jupiter.api.Test;

/**
 * 50 sessions on two nodes miss one hot entry at the same moment (each select of the row takes 50 ms,
 * see {@link SlowBookSelects}): with single-flight loads one of them reads the database and the others
 * wait for its put. The same stampede without it, on the same Redis,
 * shows what that saves.
 */
class SingleFlightTest extends TwoNodeTestBase {

	private static final int SESSIONS_PER_NODE = 25;

	@Override
	protected Map<String, Object> settings() {
		return Map.of( "hibernate.cache.redis.single_flight.wait", "2s", "hibernate.connection.pool_size", "60",
				"hibernate.session_factory.statement_inspector", SlowBookSelects.class.getName() );
	}

	@Test
	void fiftySessionsOnTwoNodesMissingOneEntry_loadItAtMostTwice() throws Exception {
		long loads = stampede( a, b );
		System.out.printf( "[single-flight] 50 sessions on 2 nodes missing one entry: %d database load(s) with single-flight%n", loads );
		assertTrue( loads <= 2, "database loads: " + loads );
		assertTrue( loads >= 1 );
	}

	@Test
	void withoutSingleFlight_theSameStampedeLoadsManyTimes() throws Exception {
		try ( TwoNodes off = TwoNodes.open( redis, SampleApp.UNIT_SAMPLE, getClass(), "off", Map.of( "hibernate.connection.pool_size", "60",
				"hibernate.session_factory.statement_inspector", SlowBookSelects.class.getName() ) ) ) {
			long loads = stampede( off.a(), off.b() );
			System.out.printf( "[single-flight] the same stampede without single-flight: %d database loads%n", loads );
			assertTrue( loads > 2, "the stampede is real only if it loads more than twice without single-flight: " + loads );
		}
	}

	private static long stampede(EntityManagerFactory a, EntityManagerFactory b) throws Exception {
		long id = TwoNodes.fromTx( a, em -> {
			Book book = new Book( "isbn-hot", "Hot", new BigDecimal( "1.00" ), LocalDate.of( 2021, 1, 1 ), Genre.SCIENCE, null );
			em.persist( book );
			return book.getId();
		} );
		a.getCache().evict( Book.class, id ); // the hot entry expired or was evicted
		long before = Nodes.entityLoads( a ) + Nodes.entityLoads( b );
		ExecutorService pool = Executors.newFixedThreadPool( 2 * SESSIONS_PER_NODE );
		CountDownLatch ready = new CountDownLatch( 2 * SESSIONS_PER_NODE );
		CountDownLatch go = new CountDownLatch( 1 );
		List<Future<String>> titles = new ArrayList<>();
		try {
			for ( EntityManagerFactory node : List.of( a, b ) ) {
				for ( int i = 0; i < SESSIONS_PER_NODE; i++ ) {
					titles.add( pool.submit( () -> {
						var em = node.createEntityManager();
						try {
							em.getTransaction().begin();
							ready.countDown();
							go.await();
							String title = em.find( Book.class, id ).getTitle();
							em.getTransaction().commit();
							return title;
						}
						finally {
							em.close();
						}
					} ) );
				}
			}
			ready.await( 30, TimeUnit.SECONDS );
			go.countDown();
			for ( Future<String> title : titles ) {
				assertEquals( "Hot", title.get( 60, TimeUnit.SECONDS ) );
			}
		}
		finally {
			pool.shutdownNow();
		}
		return Nodes.entityLoads( a ) + Nodes.entityLoads( b ) - before;
	}
}
