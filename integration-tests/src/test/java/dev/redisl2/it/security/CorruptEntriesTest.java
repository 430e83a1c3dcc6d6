package dev.redisl2.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whoever can write to Redis can put anything into an entry key. Forged entries - random bytes, a valid
 * header over truncated JSON, JSON naming a class outside the allow-list, Java-serialized objects - are read
 * through real Hibernate sessions: each is a miss (the row comes from the database), the next load replaces
 * it, the warning about it is rate-limited, and the {@link Canary} class the forgeries name is never asked of a
 * class loader, initialised or constructed.
 */
class CorruptEntriesTest extends TwoNodeTestBase {

	private static final String CANARY = CanaryGuard.CANARY;

	@RegisterExtension
	final CanaryGuard canary = new CanaryGuard();

	@Override
	protected Map<String, Object> settings() {
		Map<String, Object> settings = canary.settings();
		// the forgeries edit format 1's JSON; CompactCorruptEntriesTest forges format 2's bytes
		settings.put( dev.redisl2.hibernate.RedisCacheSettings.ENTRY_FORMAT, "1" );
		return settings;
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = {
			"random bytes",
			"random bytes after a valid header",
			"truncated JSON after a valid header",
			"JSON naming the canary as a bean",
			"JSON naming the canary as an enum",
			"JSON naming the canary as an array type",
			"JSON naming the canary as the entity",
			"JSON naming another mapped entity",
			"entity state one value short",
			"a number where the title belongs",
			"Java-serialized canary",
			"Java-serialized canary after a valid header",
			"Java-serialized HashMap after a valid header"
	})
	void forgedBookEntryIsAMissAndIsReplacedByTheNextLoad(String forgery) throws Exception {
		assertForgedBookIsAMissAndReplaced( nodes, a, b, "isbn-forged", genuine -> forge( forgery, genuine ), forgery );
	}

	interface Forger {
		byte[] forge(byte[] genuine) throws Exception;
	}

	/**
	 * Caches a book, replaces its value by {@code forger}'s bytes, and checks that both nodes miss it (and read
	 * the genuine row), that the next load replaces it, and that the replacement is served from the cache again.
	 */
	static void assertForgedBookIsAMissAndReplaced(dev.redisl2.it.TwoNodes nodes, jakarta.persistence.EntityManagerFactory a,
			jakarta.persistence.EntityManagerFactory b, String isbn, Forger forger, String forgery) throws Exception {
		long id = fromTx( a, em -> {
			Book book = new Book( isbn, "Genuine Title", new BigDecimal( "9.99" ), LocalDate.of( 1999, 9, 9 ), Genre.SCIENCE, null );
			em.persist( book );
			return book.getId();
		} );
		fromTx( b, em -> em.find( Book.class, id ) );
		String key = nodes.prefix() + ":" + Book.class.getName() + ":{Book#" + id + "}";
		byte[] genuine = nodes.rawValue( key );
		assertTrue( genuine != null && genuine[0] == 'V', "the book is cached" );

		byte[] forged = forger.forge( genuine );
		nodes.jedis().set( key.getBytes( StandardCharsets.UTF_8 ), forged );

		for ( var node : List.of( a, b ) ) {
			Book seen = fromTx( node, em -> em.find( Book.class, id ) );
			assertEquals( "Genuine Title", seen.getTitle(), forgery );
			assertEquals( Genre.SCIENCE, seen.getGenre() );
		}
		byte[] after = nodes.rawValue( key );
		assertTrue( after != null && after[0] == 'V' && !java.util.Arrays.equals( after, forged ),
				"the next load replaced the forgery: " + ( after == null ? null : new String( after, StandardCharsets.UTF_8 ) ) );
		StatsProbe probe = StatsProbe.of( a );
		assertEquals( "Genuine Title", fromTx( a, em -> em.find( Book.class, id ) ).getTitle() );
		assertEquals( 1, probe.l2Hits(), "served from the cache again: " + probe );
	}

	@org.junit.jupiter.api.Test
	void manyForgedReadsLogOneWarning() throws Exception {
		long id = fromTx( a, em -> {
			Author author = new Author( "Genuine Author", new Address( "1 Street", "City", "00000" ) );
			em.persist( author );
			return author.getId();
		} );
		fromTx( a, em -> em.find( Author.class, id ) );
		String key = nodes.prefix() + ":" + Author.class.getName() + ":{Author#" + id + "}";
		byte[] genuine = nodes.rawValue( key );
		try ( var log = dev.redisl2.it.LogCapture.start() ) {
			for ( int i = 0; i < 50; i++ ) {
				nodes.jedis().set( key.getBytes( StandardCharsets.UTF_8 ), forge( "JSON naming the canary as a bean", genuine ) );
				assertEquals( "Genuine Author", fromTx( b, em -> em.find( Author.class, id ) ).getName() );
			}
			List<String> warnings = log.lines().stream().filter( line -> line.contains( "Undecodable entry" ) ).toList();
			assertEquals( 1, warnings.size(), () -> "one warning per burst: " + warnings );
			assertFalse( warnings.get( 0 ).contains( "\tat " ), "no stack trace" );
		}
	}

	// ---------------------------------------------------------------- forgeries

	private static byte[] forge(String forgery, byte[] genuine) throws IOException {
		String text = new String( genuine, StandardCharsets.UTF_8 );
		int newline = text.indexOf( '\n' );
		String header = text.substring( 0, newline + 1 );
		String json = text.substring( newline + 1 );
		return switch ( forgery ) {
			case "random bytes" -> random( 4096 );
			case "random bytes after a valid header" -> concat( header.getBytes( StandardCharsets.UTF_8 ), random( 512 ) );
			case "truncated JSON after a valid header" -> ( header + json.substring( 0, json.length() / 2 ) ).getBytes( StandardCharsets.UTF_8 );
			case "JSON naming the canary as a bean" -> ( header + replaceTitle( json, "{\"bean\":[\"" + CANARY + "\",{\"name\":\"x\"}]}" ) ).getBytes( StandardCharsets.UTF_8 );
			case "JSON naming the canary as an enum" -> ( header + replaceTitle( json, "{\"enum\":[\"" + CANARY + "\",\"A\"]}" ) ).getBytes( StandardCharsets.UTF_8 );
			case "JSON naming the canary as an array type" -> ( header + replaceTitle( json, "{\"tarr\":[\"[L" + CANARY + ";\",[]]}" ) ).getBytes( StandardCharsets.UTF_8 );
			case "JSON naming the canary as the entity" -> ( header + json.replace( Book.class.getName(), CANARY ).replace( Author.class.getName(), CANARY ) ).getBytes( StandardCharsets.UTF_8 );
			case "JSON naming another mapped entity" -> ( header + json.replace( Book.class.getName(), Author.class.getName() ) ).getBytes( StandardCharsets.UTF_8 );
			case "entity state one value short" -> ( header + json.replace( "\"Genuine Title\",", "" ) ).getBytes( StandardCharsets.UTF_8 );
			case "a number where the title belongs" -> ( header + replaceTitle( json, "{\"i\":42}" ) ).getBytes( StandardCharsets.UTF_8 );
			case "Java-serialized canary" -> serializedCanary();
			case "Java-serialized canary after a valid header" -> concat( header.getBytes( StandardCharsets.UTF_8 ), serializedCanary() );
			case "Java-serialized HashMap after a valid header" -> concat( header.getBytes( StandardCharsets.UTF_8 ), serialized( new HashMap<>( Map.of( "title", "Forged" ) ) ) );
			default -> throw new IllegalArgumentException( forgery );
		};
	}

	/** Puts a value where the genuine entry has its title or name string. */
	private static String replaceTitle(String json, String value) {
		String replaced = json.replace( "\"Genuine Title\"", value ).replace( "\"Genuine Author\"", value );
		assertFalse( replaced.equals( json ), "no title in " + json );
		return replaced;
	}

	/** A Java-serialized object whose class descriptor names the canary, made without loading it. */
	private static byte[] serializedCanary() throws IOException {
		byte[] twin = serialized( new Twin00() );
		String from = Twin00.class.getName();
		String to = CANARY;
		assertEquals( from.length(), to.length() );
		String latin = new String( twin, StandardCharsets.ISO_8859_1 ).replace( from, to );
		return latin.getBytes( StandardCharsets.ISO_8859_1 );
	}

	private static byte[] serialized(Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try ( ObjectOutputStream out = new ObjectOutputStream( bytes ) ) {
			out.writeObject( value );
		}
		return bytes.toByteArray();
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		new Random( length ).nextBytes( bytes );
		return bytes;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] all = new byte[first.length + second.length];
		System.arraycopy( first, 0, all, 0, first.length );
		System.arraycopy( second, 0, all, first.length, second.length );
		return all;
	}
}
