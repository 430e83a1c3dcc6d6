package dev.redisl2.it.hotkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;
import dev.redisl2.support.Await;

import org.junit.jupiter.api.Test;

/**
 * The near cache on two nodes, whatever the topology: hits without a round trip, and every way another node
 * can make the cached value wrong (an update, a lock, a region eviction, a bulk update) takes it out of
 * service within the stated bound. {@link NearCacheTest} runs these on one redis-server and adds the outage
 * cases; {@link ClusterNearCacheTest} and {@link SentinelNearCacheTest} run them on those topologies.
 */
abstract class NearCacheCases extends TwoNodeTestBase {

	/** The bound the README states: four heartbeats of 100 ms. */
	static final Duration BOUND = Duration.ofMillis( 400 );

	@Override
	protected Map<String, Object> settings() {
		return Map.of( "hibernate.cache.redis.near_cache.max_entries", "1000" );
	}

	long newBook(String title) {
		return fromTx( a, em -> {
			Book book = new Book( "isbn-" + System.nanoTime(), title, new BigDecimal( "9.50" ), LocalDate.of( 2020, 1, 1 ), Genre.FICTION, null );
			em.persist( book );
			return book.getId();
		} );
	}

	String titleOn(jakarta.persistence.EntityManagerFactory node, long id) {
		return fromTx( node, em -> em.find( Book.class, id ).getTitle() );
	}

	/** Reads until the near cache holds the entry (the first read after a put may be racing its own message). */
	void warm(jakarta.persistence.EntityManagerFactory node, long id) {
		Await.until( Duration.ofSeconds( 5 ), () -> {
			titleOn( node, id );
			long before = Nodes.reads( node );
			titleOn( node, id );
			return Nodes.reads( node ) == before;
		}, "the near cache serves the entry" );
	}

	/** Reads on node A until one of them goes to the database: the near cache no longer serves the entry. */
	void awaitDatabaseLoad(long id, Duration within, String what) {
		Await.until( within, () -> {
			long before = Nodes.entityLoads( a );
			titleOn( a, id );
			return Nodes.entityLoads( a ) > before;
		}, what );
	}

	@Test
	void aHotEntryIsServedWithoutARoundTrip() {
		long id = newBook( "Dune" );
		warm( a, id );
		long before = Nodes.reads( a );
		for ( int i = 0; i < 100; i++ ) {
			assertEquals( "Dune", titleOn( a, id ) );
		}
		assertEquals( before, Nodes.reads( a ), "100 finds of a hot entry made no Redis read" );
	}

	@Test
	void aCachedCollectionAndItsElements_areServedWithoutARoundTrip() {
		long authorId = fromTx( a, em -> {
			Author author = new Author( "Ann", new Address( "Main St 1", "Springfield", "12345" ) );
			em.persist( author );
			for ( int i = 0; i < 3; i++ ) {
				em.persist( new Book( "isbn-walk-" + i + "-" + System.nanoTime(), "Walk " + i, new BigDecimal( "5.00" ),
						LocalDate.of( 2019, 1, 1 ), Genre.POETRY, author ) );
			}
			return author.getId();
		} );
		java.util.function.Supplier<Integer> walk = () -> fromTx( a, em -> em.find( Author.class, authorId ).getBooks().stream()
				.mapToInt( book -> book.getTitle().length() ).sum() );
		Await.until( Duration.ofSeconds( 5 ), () -> {
			walk.get();
			long before = Nodes.reads( a );
			walk.get();
			return Nodes.reads( a ) == before;
		}, "the author, its collection and its books come from the near cache" );
		long before = Nodes.reads( a );
		for ( int i = 0; i < 20; i++ ) {
			walk.get();
		}
		assertEquals( before, Nodes.reads( a ), "20 walks of a cached collection made no Redis read (no read-ahead either)" );
	}

	@Test
	void anUpdateOnTheOtherNode_isSeenWithinTheBound() {
		long id = newBook( "v1" );
		warm( a, id );
		inTx( b, em -> em.find( Book.class, id ).setTitle( "v2" ) );
		long committed = System.nanoTime();
		Await.until( BOUND, () -> "v2".equals( titleOn( a, id ) ), "node A serves node B's update" );
		System.out.printf( "[near] node A saw node B's committed update after %.2f ms%n", ( System.nanoTime() - committed ) / 1e6 );
	}

	@Test
	void aLockTakenOnTheOtherNode_stopsTheNearCacheBeforeTheWriterCommits() throws Exception {
		long id = newBook( "v1" );
		warm( a, id );
		var writer = b.createEntityManager();
		try {
			writer.getTransaction().begin();
			writer.find( Book.class, id ).setTitle( "v2" );
			writer.flush(); // lockItem: the entry becomes a lock in Redis
			long locked = System.nanoTime();
			Await.until( BOUND, () -> {
				long before = Nodes.reads( a );
				titleOn( a, id );
				return Nodes.reads( a ) > before;
			}, "node A stops serving the entry from its near cache" );
			System.out.printf( "[near] node A stopped serving the locked entry %.2f ms after node B's lock%n", ( System.nanoTime() - locked ) / 1e6 );
			assertEquals( "v1", titleOn( a, id ), "until node B commits, the committed title is still v1" );
			writer.getTransaction().commit();
		}
		finally {
			writer.close();
		}
		Await.until( BOUND, () -> "v2".equals( titleOn( a, id ) ), "node A serves the committed update" );
	}

	@Test
	void aRegionEvictionOnTheOtherNode_reachesTheNearCache() {
		long id = newBook( "v1" );
		warm( a, id );
		b.getCache().evict( Book.class );
		awaitDatabaseLoad( id, BOUND, "node A loads the evicted entry from the database" );
	}

	@Test
	void aBulkUpdateOnTheOtherNode_reachesTheNearCache() {
		long id = newBook( "v1" );
		warm( a, id );
		inTx( b, em -> em.createQuery( "update Book set title = 'bulk' where id = :id" ).setParameter( "id", id ).executeUpdate() );
		Await.until( BOUND, () -> "bulk".equals( titleOn( a, id ) ), "node A serves the bulk update" );
	}
}
