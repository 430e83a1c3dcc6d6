package dev.redisl2.it.semantics;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.LocalDate;

import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Genre;

import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * After a delete or a natural-id change, a region eviction used to leave the change's released lock
 * behind: a later insert of the same id was refused, and a later change joined the old lock and released
 * instead of caching. An eviction must leave the cache no colder than an empty one.
 */
class EvictionLeavesNoColdSpotsTest extends TwoNodeTestBase {

	@Test
	void deleteThenEvictThenReinsert_theNextFindOnTheOtherNodeIsAHit() {
		inTx( a, em -> em.persist( new Counter( 7L, 1 ) ) );
		fromTx( b, em -> em.find( Counter.class, 7L ) );
		inTx( a, em -> em.remove( em.find( Counter.class, 7L ) ) );
		evictAll();
		inTx( a, em -> em.persist( new Counter( 7L, 2 ) ) );

		StatsProbe onB = StatsProbe.of( b );
		Counter found = fromTx( b, em -> em.find( Counter.class, 7L ) );
		assertEquals( 2, found.getValue() );
		assertEquals( 0, onB.sql(), "the re-inserted row is served from the cache on node B: " + onB );
	}

	@Test
	void naturalIdChangeThenEvict_aNewRowTakingTheNaturalIdResolvesFromTheCache() {
		long first = fromTx( a, em -> persistBook( em, "isbn-x", "First" ) );
		fromTx( b, em -> em.unwrap( Session.class ).bySimpleNaturalId( Book.class ).load( "isbn-x" ) );
		inTx( a, em -> em.find( Book.class, first ).setIsbn( "isbn-x-retired" ) );
		evictAll();
		long second = fromTx( a, em -> persistBook( em, "isbn-x", "Second" ) );

		StatsProbe onB = StatsProbe.of( b );
		Book byIsbn = fromTx( b, em -> em.unwrap( Session.class ).bySimpleNaturalId( Book.class ).load( "isbn-x" ) );
		assertEquals( second, byIsbn.getId() );
		assertEquals( 1, onB.naturalIdHits(), "the natural id taken again resolves from the cache on node B: " + onB );
		assertEquals( 0, onB.sql(), onB.toString() );
	}

	private static long persistBook(jakarta.persistence.EntityManager em, String isbn, String title) {
		Book book = new Book( isbn, title, new BigDecimal( "9.99" ), LocalDate.of( 2020, 1, 1 ), Genre.FICTION, null );
		em.persist( book );
		return book.getId();
	}
}
