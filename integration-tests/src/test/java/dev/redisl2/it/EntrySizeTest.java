package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;

import dev.redisl2.hibernate.codec.CompactText;
import dev.redisl2.hibernate.inspect.EntryInspector;
import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;

import org.junit.jupiter.api.Test;

/**
 * What a typical entry looks like in Redis and what it costs: the stored value is small, and readable
 * through the entry inspector. Prints the figures quoted in the README.
 */
class EntrySizeTest extends TwoNodeTestBase {

	@Test
	void aTypicalEntityEntry_isReadableAndSmall() {
		long id = fromTx( a, em -> {
			Author author = new Author( "Ursula K. Le Guin", new Address( "12 Main Street", "Portland", "97201" ) );
			em.persist( author );
			Book book = new Book( "978-0-441-47812-5", "The Left Hand of Darkness", new BigDecimal( "12.99" ),
					LocalDate.of( 1969, 3, 1 ), Genre.FICTION, author );
			em.persist( book );
			return book.getId();
		} );
		fromTx( b, em -> em.find( Book.class, id ) );
		String key = nodes.keys( nodes.prefix() + ":*Book:{Book#" + id + "}" ).iterator().next();
		byte[] raw = nodes.rawValue( key );
		String text = EntryInspector.describe( raw, code -> code == CompactText.codeOf( Genre.class.getName() ) ? Genre.class.getName() : null );
		long memory = nodes.jedis().memoryUsage( key );
		System.out.println( "[entry size] key: " + key );
		System.out.println( "[entry size] value: " + raw.length + " bytes; as the inspector prints it: " + text );
		System.out.println( "[entry size] MEMORY USAGE (key, value and Redis overhead): " + memory + " bytes" );
		assertEquals( 'V', (char) raw[0] );
		assertTrue( text.contains( "\"format\":2" ) && text.contains( "The Left Hand of Darkness" ) && text.contains( "12.99" )
				&& text.contains( "[\"" + Genre.class.getName() + "\",\"FICTION\"]" ), "readable through the inspector: " + text );
		assertTrue( raw.length < 140, "a 7-attribute entity should stay compact (242 bytes in format 1), was " + raw.length + " bytes" );
		assertEquals( 1, nodes.keys( nodes.prefix() + ":*{Book#" + id + "}" ).size(), "one key per entity id" );
	}
}
