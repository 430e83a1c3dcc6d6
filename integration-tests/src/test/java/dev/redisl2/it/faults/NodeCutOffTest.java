package dev.redisl2.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.it.LogCapture;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Genre;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Node A reaches Redis through a {@link TcpProxy} that the test cuts (connections reset) or turns into a
 * black hole (silence, like a partition), while node B keeps its direct connection. What A commits while
 * cut off never reaches Redis, so B may read the old value meanwhile; once A reaches Redis again its
 * recovery probe replays the invalidations before A uses the cache again, and from then on no node
 * serves the old value: not the entity, not the deleted row, not the cached query result.
 */
@ExtendWith(PrivateRedisExtension.class)
class NodeCutOffTest {

	private TcpProxy proxy;
	private TwoNodes nodes;
	private EntityManagerFactory a;
	private EntityManagerFactory b;

	private void open(RedisServerProcess redis, TestInfo info, Map<String, Object> extraA) throws Exception {
		proxy = new TcpProxy( redis.port() );
		Map<String, Object> settingsA = new HashMap<>( extraA );
		settingsA.put( SampleApp.REDIS_URL, proxy.url() );
		nodes = TwoNodes.open( redis, SampleApp.UNIT_SAMPLE, getClass(), info.getDisplayName(), settingsA, Map.of() );
		a = nodes.a();
		b = nodes.b();
	}

	@AfterEach
	void close() {
		if ( nodes != null ) {
			nodes.close();
		}
		if ( proxy != null ) {
			proxy.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "cut", "blackhole" })
	void whatNodeACommittedWhileCutOffIsNotServedOnceItReconnects(String mode, RedisServerProcess redis, TestInfo info) throws Exception {
		open( redis, info, Map.of() );
		long bookId = newBook( "cut-1", "old title" );
		long deletedId = newBook( "cut-2", "deleted while cut off" );
		inTx( a, em -> em.persist( new Counter( 7L, 1 ) ) );
		long authorId = fromTx( a, em -> {
			Author author = new Author( "old name", new Address( "1 Street", "City", "00000" ) );
			em.persist( author );
			return author.getId();
		} );
		for ( EntityManagerFactory node : List.of( a, b, a, b ) ) {
			fromTx( node, em -> em.find( Book.class, bookId ) );
			fromTx( node, em -> em.find( Book.class, deletedId ) );
			fromTx( node, em -> em.find( Counter.class, 7L ) );
			fromTx( node, em -> em.find( Author.class, authorId ) );
			titles( node );
		}
		assertEquals( List.of( "deleted while cut off", "old title" ), titles( b ) );

		long cutAt = System.nanoTime();
		if ( mode.equals( "cut" ) ) {
			proxy.cut();
		}
		else {
			proxy.blackhole();
		}
		List<Long> latencies = new ArrayList<>();
		latencies.add( timed( () -> inTx( a, em -> em.find( Book.class, bookId ).setTitle( "new title" ) ) ) );
		latencies.add( timed( () -> inTx( a, em -> em.remove( em.find( Book.class, deletedId ) ) ) ) );
		latencies.add( timed( () -> inTx( a, em -> em.find( Counter.class, 7L ).setValue( 2 ) ) ) );
		latencies.add( timed( () -> inTx( a, em -> em.find( Author.class, authorId ).setName( "new name" ) ) ) );
		for ( int i = 0; i < 10; i++ ) {
			latencies.add( timed( () -> fromTx( a, em -> em.find( Book.class, bookId ) ) ) );
		}
		// what A itself reads while cut off comes from the database
		assertEquals( "new title", fromTx( a, em -> em.find( Book.class, bookId ) ).getTitle() );
		assertEquals( List.of( "new title" ), titles( a ) );

		// B still reaches Redis, which never heard of A's changes: it may serve the old values now
		int staleOnB = 0;
		staleOnB += "old title".equals( fromTx( b, em -> em.find( Book.class, bookId ) ).getTitle() ) ? 1 : 0;
		staleOnB += fromTx( b, em -> em.find( Book.class, deletedId ) ) != null ? 1 : 0;
		staleOnB += fromTx( b, em -> em.find( Counter.class, 7L ) ).getValue() == 1 ? 1 : 0;
		staleOnB += "old name".equals( fromTx( b, em -> em.find( Author.class, authorId ) ).getName() ) ? 1 : 0;
		staleOnB += titles( b ).size() == 2 ? 1 : 0;

		proxy.restore();
		long restoredAt = System.nanoTime();
		while ( !FaultWorkload.recovered( a ) ) {
			assertTrue( System.nanoTime() - restoredAt < 10_000_000_000L, "node A did not recover within 10 s" );
			Thread.sleep( 5 );
		}
		long recoveredAt = System.nanoTime();
		System.out.printf( "[fault] node A %s off for %d ms: worst latency on A %d ms, B read %d of 5 stale values while A was "
						+ "cut off, A recovered %d ms after the network came back%n",
				mode, ( restoredAt - cutAt ) / 1_000_000L, latencies.stream().mapToLong( Long::longValue ).max().orElse( 0 ),
				staleOnB, ( recoveredAt - restoredAt ) / 1_000_000L );
		assertTrue( staleOnB > 0, "the test should show the outage window (B reading what A could not invalidate)" );
		assertTrue( latencies.stream().allMatch( l -> l < RedisFaultsTest.LATENCY_BOUND_MILLIS ), "latencies on A: " + latencies );

		for ( EntityManagerFactory node : List.of( b, a, b ) ) {
			assertEquals( "new title", fromTx( node, em -> em.find( Book.class, bookId ) ).getTitle() );
			assertNull( fromTx( node, em -> em.find( Book.class, deletedId ) ) );
			assertEquals( 2, fromTx( node, em -> em.find( Counter.class, 7L ) ).getValue() );
			assertEquals( "new name", fromTx( node, em -> em.find( Author.class, authorId ) ).getName() );
			assertEquals( List.of( "new title" ), titles( node ) );
		}
	}

	@Test
	void overflowingTheBacklogEvictsTheWholeRegion(RedisServerProcess redis, TestInfo info) throws Exception {
		open( redis, info, Map.of( RedisCacheSettings.BREAKER_BACKLOG_SIZE, "2" ) );
		for ( long id = 1; id <= 5; id++ ) {
			long value = id;
			inTx( a, em -> em.persist( new Counter( value, 0 ) ) );
		}
		warmCounters( 5 );
		try ( LogCapture log = LogCapture.start() ) {
			proxy.cut();
			for ( long id = 1; id <= 5; id++ ) {
				long value = id;
				inTx( a, em -> em.find( Counter.class, value ).setValue( 100 + value ) );
			}
			assertEquals( 0, fromTx( b, em -> em.find( Counter.class, 3L ) ).getValue(), "B serves the old value meanwhile" );
			proxy.restore();
			awaitRecovered( a );
			long deadline = System.nanoTime() + 2_000_000_000L; // the INFO line follows the state change
			while ( log.lines( "INFO", "1 region eviction(s)" ).isEmpty() && System.nanoTime() < deadline ) {
				Thread.sleep( 5 );
			}
			assertEquals( 1, log.lines( "INFO", "1 region eviction(s)" ).size(), log.text() );
		}
		for ( long id = 1; id <= 5; id++ ) {
			long value = id;
			assertEquals( 100 + value, fromTx( b, em -> em.find( Counter.class, value ) ).getValue() );
		}
	}

	@Test
	void bulkUpdateWhileCutOffEvictsTheRegionOnReconnect(RedisServerProcess redis, TestInfo info) throws Exception {
		open( redis, info, Map.of() );
		for ( long id = 1; id <= 3; id++ ) {
			long value = id;
			inTx( a, em -> em.persist( new Counter( value, 0 ) ) );
		}
		warmCounters( 3 );
		proxy.cut();
		// region lock and unlock of the bulk update both fail: the region eviction is replayed instead
		inTx( a, em -> em.createQuery( "update Counter c set c.value = c.value + 50" ).executeUpdate() );
		proxy.restore();
		awaitRecovered( a );
		for ( long id = 1; id <= 3; id++ ) {
			long value = id;
			assertEquals( 50, fromTx( b, em -> em.find( Counter.class, value ) ).getValue() );
		}
	}

	// ---------------------------------------------------------------- helpers

	private void warmCounters(int count) {
		for ( EntityManagerFactory node : List.of( a, b, a, b ) ) {
			for ( long id = 1; id <= count; id++ ) {
				long value = id;
				fromTx( node, em -> em.find( Counter.class, value ) );
			}
		}
	}

	private static void awaitRecovered(EntityManagerFactory node) throws InterruptedException {
		long start = System.nanoTime();
		while ( !FaultWorkload.recovered( node ) ) {
			assertTrue( System.nanoTime() - start < 10_000_000_000L, "no recovery within 10 s" );
			Thread.sleep( 5 );
		}
	}

	private long newBook(String isbn, String title) {
		return fromTx( a, em -> {
			Book book = new Book( isbn, title, new BigDecimal( "5.00" ), LocalDate.of( 1990, 1, 1 ), Genre.FICTION, null );
			em.persist( book );
			return book.getId();
		} );
	}

	/** A cached query over the books of this test. */
	private static List<String> titles(EntityManagerFactory node) {
		return fromTx( node, em -> em.createQuery( "select b.title from Book b where b.isbn like 'cut-%' order by b.title", String.class )
				.setHint( "org.hibernate.cacheable", true )
				.getResultList() );
	}

	private static long timed(Runnable work) {
		long start = System.nanoTime();
		work.run();
		return ( System.nanoTime() - start ) / 1_000_000L;
	}

	private static void inTx(EntityManagerFactory emf, java.util.function.Consumer<EntityManager> work) {
		TwoNodes.inTx( emf, work );
	}

	private static <T> T fromTx(EntityManagerFactory emf, java.util.function.Function<EntityManager, T> work) {
		return TwoNodes.fromTx( emf, work );
	}
}
