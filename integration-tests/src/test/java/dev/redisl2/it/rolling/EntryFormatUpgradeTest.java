package dev.redisl2.it.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.inspect.EntryInspector;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16's rolling upgrade: node A writes entry format 1 (the JSON of 0.1, {@code entry_format=1}), node B
 * the default format 2, on one database and one Redis. Each must see the other's entries as misses on the
 * same key, and a write on either must keep the other from serving a stale entry: entities (read-write and
 * nonstrict), collections and query results.
 */
@ExtendWith(PrivateRedisExtension.class)
class EntryFormatUpgradeTest {

	private TwoNodes nodes;
	private EntityManagerFactory formatOne;
	private EntityManagerFactory formatTwo;

	@BeforeEach
	void open(RedisServerProcess redis, TestInfo info) {
		nodes = TwoNodes.open( redis, SampleApp.UNIT_SAMPLE, getClass(), info.getTestMethod().orElseThrow().getName(),
				Map.of( RedisCacheSettings.ENTRY_FORMAT, "1" ), Map.of() );
		formatOne = nodes.a();
		formatTwo = nodes.b();
	}

	@AfterEach
	void close() {
		nodes.close();
	}

	@Test
	void eachFormatMissesTheOthersEntry_onOneKey_andEachHeaderParsesForBoth() {
		long id = newBook( "isbn-f1", "The Dispossessed" );
		TwoNodes.fromTx( formatOne, em -> em.find( Book.class, id ) );
		String key = onlyKey( id );
		byte[] one = nodes.rawValue( key );
		assertEquals( '{', one[new String( one, java.nio.charset.StandardCharsets.ISO_8859_1 ).indexOf( '\n' ) + 1], "format 1 writes JSON" );

		StatsProbe probe = StatsProbe.of( formatTwo );
		assertEquals( "The Dispossessed", TwoNodes.fromTx( formatTwo, em -> em.find( Book.class, id ) ).getTitle() );
		assertEquals( 0, probe.l2Hits(), "format 2 must not decode format 1: " + probe );
		assertEquals( key, onlyKey( id ), "one key per id, whatever the format" );
		byte[] two = nodes.rawValue( key );
		StoredEntry oneHeader = StoredEntry.parse( one );
		StoredEntry twoHeader = StoredEntry.parse( two );
		assertNotNull( twoHeader, "a format-2 value keeps format 1's header grammar, so format 1's entry.lua reads it (invariant 8)" );
		assertNotEquals( oneHeader.fingerprint(), twoHeader.fingerprint() );
		System.out.printf( "[upgrade] Book: format 1 %d bytes, format 2 %d bytes%n", one.length, two.length );
		System.out.println( "[upgrade] inspector: " + EntryInspector.describe( two, code -> null ) );
		assertTrue( EntryInspector.describe( two, code -> null ).contains( "The Dispossessed" ) );

		probe = StatsProbe.of( formatOne );
		TwoNodes.fromTx( formatOne, em -> em.find( Book.class, id ) );
		assertEquals( 0, probe.l2Hits(), "format 1 must not decode format 2: " + probe );
		probe = StatsProbe.of( formatOne );
		TwoNodes.fromTx( formatOne, em -> em.find( Book.class, id ) );
		assertEquals( 1, probe.l2Hits(), "and caches its own again: " + probe );
	}

	@Test
	void readWriteUpdatesOnEitherFormatAreSeenByTheOther() {
		long id = newBook( "isbn-f2", "t0" );
		for ( int i = 1; i <= 6; i++ ) {
			String title = "t" + i;
			EntityManagerFactory writer = i % 2 == 1 ? formatTwo : formatOne;
			EntityManagerFactory reader = writer == formatOne ? formatTwo : formatOne;
			warmReader( reader, Book.class, id );
			TwoNodes.inTx( writer, em -> em.find( Book.class, id ).setTitle( title ) );
			assertEquals( title, TwoNodes.fromTx( reader, em -> em.find( Book.class, id ) ).getTitle(), "round " + i );
			assertEquals( title, TwoNodes.fromTx( reader, em -> em.find( Book.class, id ) ).getTitle(), "round " + i );
		}
	}

	@Test
	void nonstrictUpdatesAndDeletesOnEitherFormatAreSeenByTheOther() {
		long id = TwoNodes.fromTx( formatOne, em -> {
			Author author = new Author( "n0", new Address( "1 Street", "City", "00000" ) );
			em.persist( author );
			return author.getId();
		} );
		for ( int i = 1; i <= 4; i++ ) {
			String name = "n" + i;
			EntityManagerFactory writer = i % 2 == 1 ? formatOne : formatTwo;
			EntityManagerFactory reader = writer == formatOne ? formatTwo : formatOne;
			warmReader( reader, Author.class, id );
			TwoNodes.inTx( writer, em -> em.find( Author.class, id ).setName( name ) );
			assertEquals( name, TwoNodes.fromTx( reader, em -> em.find( Author.class, id ) ).getName(), "round " + i );
		}
		warmReader( formatOne, Author.class, id );
		TwoNodes.inTx( formatTwo, em -> em.remove( em.find( Author.class, id ) ) );
		assertNull( TwoNodes.fromTx( formatOne, em -> em.find( Author.class, id ) ), "format 1 serves a row format 2 deleted" );
	}

	@Test
	void aCollectionChangedByOneFormatIsNotServedStaleByTheOther() {
		long authorId = TwoNodes.fromTx( formatOne, em -> {
			Author author = new Author( "Le Guin", new Address( "1 Street", "City", "00000" ) );
			em.persist( author );
			em.persist( new Book( "isbn-c1", "A Wizard of Earthsea", new BigDecimal( "9.00" ), LocalDate.of( 1968, 1, 1 ), Genre.FICTION, author ) );
			return author.getId();
		} );
		for ( EntityManagerFactory reader : new EntityManagerFactory[] { formatOne, formatTwo } ) {
			EntityManagerFactory writer = reader == formatOne ? formatTwo : formatOne;
			int before = books( reader, authorId );
			books( reader, authorId ); // cached by the reader's format
			TwoNodes.inTx( writer, em -> {
				Author author = em.find( Author.class, authorId );
				Book book = new Book( "isbn-c" + System.nanoTime(), "another", new BigDecimal( "9.00" ), LocalDate.of( 1970, 1, 1 ), Genre.FICTION, author );
				em.persist( book );
				author.getBooks().add( book );
			} );
			assertEquals( before + 1, books( reader, authorId ), "a collection the other format changed" );
		}
	}

	@Test
	void queryResultsAreInvalidatedAcrossFormats() {
		newBook( "isbn-q1", "q" );
		for ( EntityManagerFactory reader : new EntityManagerFactory[] { formatOne, formatTwo } ) {
			EntityManagerFactory writer = reader == formatOne ? formatTwo : formatOne;
			long before = count( reader );
			count( reader );
			StatsProbe probe = StatsProbe.of( reader );
			count( reader );
			assertEquals( 1, probe.queryHits(), "the reader caches its own query results: " + probe );
			TwoNodes.inTx( writer, em -> em.persist( new Book( "isbn-q" + System.nanoTime(), "q", new BigDecimal( "1.00" ),
					LocalDate.of( 2000, 1, 1 ), Genre.FICTION, null ) ) );
			assertEquals( before + 1, count( reader ), "a query result the other format's write made stale" );
		}
	}

	private static long count(EntityManagerFactory node) {
		return TwoNodes.fromTx( node, em -> em.createQuery( "select count(b) from Book b", Long.class )
				.setHint( "org.hibernate.cacheable", true ).getSingleResult() );
	}

	private static int books(EntityManagerFactory node, long authorId) {
		return TwoNodes.fromTx( node, em -> em.find( Author.class, authorId ).getBooks().size() );
	}

	private static void warmReader(EntityManagerFactory reader, Class<?> type, Object id) {
		for ( int i = 0; i < 2; i++ ) {
			TwoNodes.fromTx( reader, em -> em.find( type, id ) );
		}
		StatsProbe probe = StatsProbe.of( reader );
		TwoNodes.fromTx( reader, em -> em.find( type, id ) );
		assertEquals( 1, probe.l2Hits(), "the reader must hold a cached copy, or a stale read could not show: " + probe );
	}

	private long newBook(String isbn, String title) {
		return TwoNodes.fromTx( formatOne, em -> {
			Book book = new Book( isbn, title, new BigDecimal( "10.00" ), LocalDate.of( 1950, 1, 1 ), Genre.FICTION, null );
			em.persist( book );
			return book.getId();
		} );
	}

	private String onlyKey(long id) {
		Set<String> keys = nodes.keys( nodes.prefix() + ":*{Book#" + id + "}" );
		assertEquals( 1, keys.size(), keys.toString() );
		return keys.iterator().next();
	}
}
