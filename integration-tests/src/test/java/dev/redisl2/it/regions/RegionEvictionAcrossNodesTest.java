package dev.redisl2.it.regions;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * Evicting a region, or a bulk update, on one node: once the call returns, no node serves an entry of the
 * region written before it, whatever it remembered about the region; and the region is cacheable again
 * at once.
 */
class RegionEvictionAcrossNodesTest extends TwoNodeTestBase {

	private long seed(String title, String price) {
		return fromTx( a, em -> {
			Book book = new Book( "isbn-" + title, title, new BigDecimal( price ), LocalDate.of( 2001, 1, 1 ), Genre.FICTION, null );
			em.persist( book );
			return book.getId();
		} );
	}

	@Test
	void evictEntityDataOnOneNode_isAMissOnTheOther_thenCachedAgain() {
		long id = seed( "Solaris", "10.00" );
		fromTx( b, em -> em.find( Book.class, id ) );
		StatsProbe warm = StatsProbe.of( b );
		fromTx( b, em -> em.find( Book.class, id ) );
		assertEquals( 0, warm.sql(), "node B serves the book from the cache: " + warm );

		a.unwrap( SessionFactory.class ).getCache().evictEntityData( Book.class );

		StatsProbe afterEvict = StatsProbe.of( b );
		fromTx( b, em -> em.find( Book.class, id ) );
		assertEquals( 1, afterEvict.sql(), "node B must not serve an evicted entry: " + afterEvict );
		StatsProbe again = StatsProbe.of( b );
		fromTx( b, em -> em.find( Book.class, id ) );
		assertEquals( 0, again.sql(), "and the region is cacheable again right away: " + again );
	}

	@Test
	void evictionTouchesOnlyItsRegion() {
		long id = seed( "Ubik", "7.00" );
		fromTx( a, em -> em.find( Book.class, id ) );
		a.unwrap( SessionFactory.class ).getCache().evictCollectionData();
		StatsProbe p = StatsProbe.of( a );
		fromTx( a, em -> em.find( Book.class, id ) );
		assertEquals( 0, p.sql(), "evicting collections leaves entities cached: " + p );
	}

	/**
	 * Node A reads the book in a loop while node B runs a bulk HQL update. Every read that began after B's
	 * transaction returned must see the new price, from the cache or the database.
	 */
	@Test
	void bulkUpdateOnNodeB_noReadOnNodeABeginningAfterItsCommitSeesTheOldRow() throws Exception {
		long id = seed( "Hyperion", "8.00" );
		fromTx( a, em -> em.find( Book.class, id ) );
		record Read(long startedNanos, BigDecimal price) {
		}
		List<Read> reads = new ArrayList<>();
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch reading = new CountDownLatch( 20 );
		Thread reader = new Thread( () -> {
			while ( !stop.get() ) {
				long started = System.nanoTime();
				BigDecimal price = fromTx( a, em -> em.find( Book.class, id ).getPrice() );
				synchronized ( reads ) {
					reads.add( new Read( started, price ) );
				}
				reading.countDown();
			}
		} );
		reader.start();
		reading.await();
		int updated = fromTx( b, em -> em.createQuery( "update Book b set b.price = :p where b.id = :id" )
				.setParameter( "p", new BigDecimal( "99.00" ) ).setParameter( "id", id ).executeUpdate() );
		long committed = System.nanoTime();
		Thread.sleep( 300 );
		stop.set( true );
		reader.join();
		assertEquals( 1, updated );
		long after = 0;
		synchronized ( reads ) {
			for ( Read read : reads ) {
				if ( read.startedNanos() > committed ) {
					after++;
					assertEquals( 0, new BigDecimal( "99.00" ).compareTo( read.price() ),
							"a read that began after the bulk update returned saw " + read.price() );
				}
			}
		}
		assertTrue( after > 10, "the reader kept reading after the update: " + after );
		StatsProbe cached = StatsProbe.of( a );
		fromTx( a, em -> em.find( Book.class, id ) );
		assertEquals( 0, cached.sql(), "cacheable again after the bulk update: " + cached );
	}

	@Test
	void evictAllRegions_leavesTheQueryCacheConsistent() {
		long id = seed( "Dune", "9.99" );
		assertEquals( List.of( "Dune" ), titles( a ) );
		assertEquals( List.of( "Dune" ), titles( a ) );
		a.unwrap( SessionFactory.class ).getCache().evictAllRegions();
		assertFalse( nodes.keys( nodes.prefix() + ":default-update-timestamps-region:{*" ).isEmpty(),
				"the update timestamps survive: without them stale results would look current" );
		inTx( b, em -> em.find( Book.class, id ).setTitle( "Dune Messiah" ) );
		StatsProbe p = StatsProbe.of( a );
		assertEquals( List.of( "Dune Messiah" ), titles( a ) );
		assertEquals( 0, p.queryHits(), p.toString() );
		StatsProbe hit = StatsProbe.of( a );
		assertEquals( List.of( "Dune Messiah" ), titles( a ) );
		assertEquals( 1, hit.queryHits(), "cacheable again right after: " + hit );
	}

	/**
	 * While node B's transaction that changes the table is open (pre-invalidated), node A's cached query is
	 * not served and what A computes meanwhile is not trusted after B commits; right after B commits, the
	 * query is cacheable again (no bypass for the lock timeout).
	 */
	@Test
	void preInvalidationOnNodeB_keepsNodeAsCachedQueryOut_untilBCommits() {
		long id = seed( "Neuromancer", "5.00" );
		titles( a );
		assertEquals( 1, hitsOf( a ), "the query is cached" );
		EntityManager open = b.createEntityManager();
		open.getTransaction().begin();
		open.find( Book.class, id ).setTitle( "Count Zero" );
		open.flush(); // the statement ran: Book is pre-invalidated until B's transaction completes
		StatsProbe during = StatsProbe.of( a );
		assertEquals( List.of( "Neuromancer" ), titles( a ), "B has not committed" );
		assertEquals( 0, during.queryHits(), "a table being changed is not served from the query cache: " + during );
		open.getTransaction().commit();
		open.close();
		StatsProbe after = StatsProbe.of( a );
		assertEquals( List.of( "Count Zero" ), titles( a ), "what A computed during B's transaction is not reused" );
		assertEquals( 0, after.queryHits(), after.toString() );
		StatsProbe again = StatsProbe.of( a );
		assertEquals( List.of( "Count Zero" ), titles( a ) );
		assertEquals( 1, again.queryHits(), "cacheable again right after the commit: " + again );
	}

	private long hitsOf(EntityManagerFactory emf) {
		StatsProbe p = StatsProbe.of( emf );
		titles( emf );
		return p.queryHits();
	}

	private List<String> titles(EntityManagerFactory emf) {
		return fromTx( emf, em -> em.createQuery( "select b.title from Book b order by b.id", String.class )
				.setHint( "org.hibernate.cacheable", true ).getResultList() );
	}
}
