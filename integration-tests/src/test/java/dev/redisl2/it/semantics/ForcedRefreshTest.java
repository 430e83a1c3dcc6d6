package dev.redisl2.it.semantics;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Genre;

import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;

import org.hibernate.CacheMode;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * JPA's {@code CacheStoreMode.REFRESH} "forces refresh of cache for items read from the database". A row
 * changed outside Hibernate (plain SQL, another application) and read with REFRESH is served new
 * afterwards, on every node.
 */
class ForcedRefreshTest extends TwoNodeTestBase {

	private static final Map<String, Object> REFRESH = Map.of(
			"jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS,
			"jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH );

	@Test
	void versionedRowChangedByPlainSql_readWithRefresh_isServedNewOnBothNodes() {
		long id = fromTx( a, em -> {
			Book book = new Book( "isbn-r", "Old title", new BigDecimal( "5.00" ), LocalDate.of( 2020, 1, 1 ), Genre.FICTION, null );
			em.persist( book );
			return book.getId();
		} );
		fromTx( b, em -> em.find( Book.class, id ) );
		// plain SQL that Hibernate never sees, as another application would run it (the version stays)
		inTx( a, em -> em.unwrap( Session.class ).doWork( c -> c.createStatement().executeUpdate(
				"update Book set title = 'Changed outside' where id = " + id ) ) );
		assertEquals( "Old title", fromTx( b, em -> em.find( Book.class, id ) ).getTitle(), "cached, as expected" );

		assertEquals( "Changed outside", fromTx( a, em -> em.find( Book.class, id, REFRESH ) ).getTitle() );

		StatsProbe onA = StatsProbe.of( a ), onB = StatsProbe.of( b );
		assertEquals( "Changed outside", fromTx( a, em -> em.find( Book.class, id ) ).getTitle() );
		assertEquals( "Changed outside", fromTx( b, em -> em.find( Book.class, id ) ).getTitle() );
		assertEquals( 0, onA.sql() + onB.sql(), "both served from the refreshed entry: " + onA + " / " + onB );
	}

	@Test
	void unversionedRow_loadedWithCacheModeRefresh_replacesTheEntry() {
		inTx( a, em -> em.persist( new Counter( 3L, 10 ) ) );
		fromTx( b, em -> em.find( Counter.class, 3L ) );
		inTx( a, em -> em.unwrap( Session.class ).doWork( c -> c.createStatement().executeUpdate(
				"update Counter set counter_value = 11 where id = 3" ) ) );
		assertEquals( 10, fromTx( b, em -> em.find( Counter.class, 3L ) ).getValue() );

		assertEquals( 11, fromTx( b, em -> em.unwrap( Session.class ).byId( Counter.class ).with( CacheMode.REFRESH ).load( 3L ) )
				.getValue() );

		StatsProbe onA = StatsProbe.of( a );
		assertEquals( 11, fromTx( a, em -> em.find( Counter.class, 3L ) ).getValue() );
		assertEquals( 0, onA.sql(), onA.toString() );
	}
}
