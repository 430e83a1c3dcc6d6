package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.hibernate.redis.KeyLayout;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;

import org.junit.jupiter.api.Test;

/**
 * {@code key_layout=compact}: keys carry the derived region code instead of the region name, both nodes derive
 * the same one, and the cache still shares and invalidates across nodes.
 */
class CompactKeysTest extends TwoNodeTestBase {

	@Override
	protected Map<String, Object> settings() {
		return Map.of( RedisCacheSettings.KEY_LAYOUT, "compact" );
	}

	@Test
	void keysUseTheDerivedRegionCode_andNodesShareThem() {
		long id = fromTx( a, em -> {
			Book book = new Book( "isbn-k1", "Always Coming Home", new BigDecimal( "15.00" ), LocalDate.of( 1985, 1, 1 ), Genre.FICTION, null );
			em.persist( book );
			return book.getId();
		} );
		fromTx( a, em -> em.find( Book.class, id ) );
		Set<String> keys = nodes.keys( nodes.prefix() + ":*{Book#" + id + "}" );
		assertEquals( 1, keys.size(), keys.toString() );
		String key = keys.iterator().next();
		String code = KeyLayout.regionCode( Book.class.getName() );
		assertEquals( nodes.prefix() + ":" + code + ":{Book#" + id + "}", key );
		assertTrue( nodes.keys( nodes.prefix() + ":*" + Book.class.getName() + "*" ).isEmpty(), "no key spells the region name" );
		System.out.println( "[compact keys] " + key + " (" + key.length() + " characters), MEMORY USAGE "
				+ nodes.jedis().memoryUsage( key ) + " bytes" );

		StatsProbe probe = StatsProbe.of( b );
		assertEquals( "Always Coming Home", fromTx( b, em -> em.find( Book.class, id ) ).getTitle() );
		assertEquals( 1, probe.l2Hits(), "node B derives the same key: " + probe );

		inTx( b, em -> em.find( Book.class, id ).setTitle( "Always Coming Home (revised)" ) );
		assertEquals( "Always Coming Home (revised)", fromTx( a, em -> em.find( Book.class, id ) ).getTitle() );
	}
}
