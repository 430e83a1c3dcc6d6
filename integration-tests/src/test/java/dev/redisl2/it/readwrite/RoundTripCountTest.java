package dev.redisl2.it.readwrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Country;
import dev.redisl2.sample.Genre;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Counts the Redis round trips of each Hibernate operation through the provider's own counter (every
 * command goes through RedisStore, one call per round trip), by command: MGET (reads), entry.lua
 * (entry state changes and tombstones), timestamps.lua (the query cache's per-table invalidation,
 * which Hibernate performs on every write when the query cache is on). The table printed at the end is
 * the one in the README.
 */
class RoundTripCountTest extends TwoNodeTestBase {

	private static final Map<String, Map<String, Long>> TABLE = new LinkedHashMap<>();

	/** Runs the work and returns its round trips by command. */
	private static Map<String, Long> measure(String operation, EntityManagerFactory emf, Runnable work) {
		Map<String, Long> before = store( emf ).roundTripsByCommand();
		work.run();
		Map<String, Long> delta = new TreeMap<>();
		store( emf ).roundTripsByCommand().forEach( (command, n) -> {
			long d = n - before.getOrDefault( command, 0L );
			if ( d != 0 ) {
				delta.put( command, d );
			}
		} );
		TABLE.put( operation, delta );
		return delta;
	}

	private static dev.redisl2.hibernate.redis.RedisStore store(EntityManagerFactory emf) {
		return ( (RedisRegionFactory) emf.unwrap( SessionFactoryImplementor.class ).getCache().getRegionFactory() ).store();
	}

	@AfterAll
	static void printTable() {
		System.out.println( "[round trips] | operation | total | by command |" );
		TABLE.forEach( (op, counts) -> System.out.println( "[round trips] | " + op + " | "
				+ counts.values().stream().mapToLong( Long::longValue ).sum() + " | " + counts + " |" ) );
	}

	@Test
	void readWriteEntity() {
		inTx( a, em -> em.persist( new Counter( 1L, 0 ) ) );
		fromTx( a, em -> em.find( Counter.class, 1L ) );
		assertEquals( Map.of(), measure( "open a session and a transaction", a, () -> inTx( a, em -> { } ) ) );
		assertEquals( Map.of( "MGET", 1L ), measure( "read-write find, hit", a, () -> fromTx( a, em -> em.find( Counter.class, 1L ) ) ) );
		a.getCache().evict( Counter.class, 1L );
		assertEquals( Map.of( "MGET", 1L, "entry.lua", 1L ),
				measure( "read-write find, miss + put", a, () -> fromTx( a, em -> em.find( Counter.class, 1L ) ) ) );
		assertEquals( Map.of( "MGET", 1L, "entry.lua", 2L, "timestamps.lua", 2L ),
				measure( "read-write find + update (lock, afterUpdate)", a, () -> inTx( a, em -> em.find( Counter.class, 1L ).increment() ) ) );
		// an assigned id: Hibernate reads the cache to tell a new entity from a detached one (isTransient)
		assertEquals( Map.of( "MGET", 1L, "entry.lua", 1L, "timestamps.lua", 2L ),
				measure( "read-write insert, assigned id (afterInsert)", a, () -> inTx( a, em -> em.persist( new Counter( 2L, 5 ) ) ) ) );
		assertEquals( Map.of( "MGET", 1L, "entry.lua", 2L, "timestamps.lua", 2L ),
				measure( "read-write find + delete (lock, unlock)", a, () -> inTx( a, em -> em.remove( em.find( Counter.class, 2L ) ) ) ) );
	}

	@Test
	void readWriteEntityWithACachedNaturalId() {
		long id = fromTx( a, em -> {
			Book book = new Book( "isbn-rt", "Title", new BigDecimal( "9.99" ), LocalDate.of( 2020, 1, 1 ), Genre.FICTION, null );
			em.persist( book );
			return book.getId();
		} );
		fromTx( a, em -> em.find( Book.class, id ) );
		// Hibernate reads the natural-id region on every load of such an entity, to avoid re-caching it
		assertEquals( Map.of( "MGET", 2L ),
				measure( "find by id, hit, entity with @NaturalIdCache", a, () -> fromTx( a, em -> em.find( Book.class, id ) ) ) );
		measure( "natural-id lookup, hit", a, () -> fromTx( a, em ->
				em.unwrap( org.hibernate.Session.class ).bySimpleNaturalId( Book.class ).load( "isbn-rt" ) ) );
		measure( "find + versioned update, entity with @NaturalIdCache", a, () -> inTx( a, em -> em.find( Book.class, id ).setTitle( "New" ) ) );
	}

	@Test
	void nonstrictEntity() {
		long id = fromTx( a, em -> {
			Author author = new Author( "Ann", new Address( "Main St 1", "Springfield", "12345" ) );
			em.persist( author );
			return author.getId();
		} );
		fromTx( a, em -> em.find( Author.class, id ) );
		assertEquals( Map.of( "MGET", 1L ), measure( "nonstrict find, hit", a, () -> fromTx( a, em -> em.find( Author.class, id ) ) ) );
		assertEquals( Map.of( "MGET", 1L, "entry.lua", 2L, "timestamps.lua", 2L ),
				measure( "nonstrict find + update (tombstone at flush and after commit)", a,
						() -> inTx( a, em -> em.find( Author.class, id ).setName( "Bea" ) ) ) );
		assertEquals( Map.of( "MGET", 1L, "entry.lua", 1L ),
				measure( "nonstrict find after update, miss + put", a, () -> fromTx( a, em -> em.find( Author.class, id ) ) ) );
	}

	@Test
	void collectionHit_readsItsElementsAheadInOneRoundTrip() {
		long authorId = fromTx( a, em -> {
			Author author = new Author( "Frank Herbert", new Address( "1 Arrakis Way", "Tacoma", "98401" ) );
			em.persist( author );
			em.persist( new Book( "isbn-c1", "Dune", new BigDecimal( "9.99" ), LocalDate.of( 1965, 8, 1 ), Genre.FICTION, author ) );
			em.persist( new Book( "isbn-c2", "Dune Messiah", new BigDecimal( "8.99" ), LocalDate.of( 1969, 1, 1 ), Genre.FICTION, author ) );
			return author.getId();
		} );
		Runnable walk = () -> fromTx( a, em -> em.find( Author.class, authorId ).getBooks().stream().map( Book::getTitle ).toList() );
		walk.run();
		walk.run();
		// author 1, collection 1, both books 1 (read ahead), and Hibernate's natural-id check of each book 2
		assertEquals( Map.of( "MGET", 5L ), measure( "find + walk a cached collection of 2 cached entities (with @NaturalIdCache)", a, walk ) );
	}

	@Test
	void readOnlyEntity() {
		inTx( a, em -> em.persist( new Country( "FR", "France" ) ) );
		fromTx( a, em -> em.find( Country.class, "FR" ) );
		assertEquals( Map.of( "MGET", 1L ), measure( "read-only find, hit", a, () -> fromTx( a, em -> em.find( Country.class, "FR" ) ) ) );
	}

	@Test
	void cachedQuery() {
		inTx( a, em -> em.persist( new Country( "DE", "Germany" ) ) );
		Runnable query = () -> fromTx( a, em -> em.createQuery( "select c from Country c", Country.class )
				.setHint( "org.hibernate.cacheable", true ).getResultList() );
		query.run();
		// the result, which holds the rows themselves (one MGET), and the table's update timestamp (one script call)
		assertEquals( Map.of( "MGET", 1L, "timestamps.lua", 1L ), measure( "cached query, hit (one table)", a, query ) );
	}
}
