package dev.redisl2.hibernate.redis;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.util.JedisClusterCRC16;

class KeyLayoutTest {

	private static String idText(Object id) {
		StringBuilder text = new StringBuilder();
		KeyText.appendId( text, id );
		return text.toString();
	}

	@Test
	void entryKey_hasPrefixRegionAndHashTaggedEntryId() {
		KeyLayout layout = new KeyLayout( "app", "dev.x.Book" );
		assertEquals( "app:dev.x.Book:{Book#42}", new String( layout.entryKey( "Book#42" ), StandardCharsets.UTF_8 ) );
		assertEquals( "app:dev.x.Book:~state", new String( layout.stateKey(), StandardCharsets.UTF_8 ) );
	}

	@Test
	void regionNames_cannotForgeSeparatorsOrHashTags() {
		KeyLayout layout = new KeyLayout( "app", "we:ird{region}" );
		assertEquals( "app:we%3Aird%7Bregion%7D:{x}", new String( layout.entryKey( "x" ), StandardCharsets.UTF_8 ) );
	}

	@Test
	void ids_renderReadablyAndInjectively() {
		assertEquals( "42", idText( 42L ) );
		assertEquals( "(1,abc)", idText( new Object[] { 1, "abc" } ) );
		assertEquals( "(1,(2,3))", idText( new Object[] { 1, new Object[] { 2, 3 } } ) );
		assertEquals( "~", idText( null ) );
		// strings holding separators must not collide with composite ids
		assertNotEquals( idText( new Object[] { "a", "b" } ), idText( "(a,b)" ) );
		assertNotEquals( idText( "a}b" ), idText( "a%7Db" ) );
		assertEquals( "a%7Db", idText( "a}b" ) );
		assertEquals( "0x0aff", idText( new byte[] { 10, -1 } ) );
	}

	@Test
	void clusteredLayout_tagsEntriesByBucketAndCopiesTheStateIntoTheSameSlot() {
		KeyLayout layout = KeyLayout.clustered( "app", "dev.x.Book" );
		String key = new String( layout.entryKey( "Book#42" ), StandardCharsets.UTF_8 );
		int bucket = SlotBuckets.bucketOf( "Book#42" );
		assertEquals( "app:dev.x.Book:{" + SlotBuckets.tag( bucket ) + "}Book#42", key );
		assertEquals( "app:dev.x.Book:~state", new String( layout.stateKey(), StandardCharsets.UTF_8 ) );
		assertEquals( "app:dev.x.Book:~state:{" + SlotBuckets.tag( bucket ) + "}",
				new String( layout.stateKeyFor( "Book#42" ), StandardCharsets.UTF_8 ) );
		assertEquals( JedisClusterCRC16.getSlot( layout.entryKey( "Book#42" ) ), JedisClusterCRC16.getSlot( layout.stateKeyFor( "Book#42" ) ) );
		assertEquals( SlotBuckets.COUNT, layout.stateCopyKeys().size() );
	}

	@Test
	void singleRedisLayout_readsTheOneStateKey() {
		KeyLayout layout = new KeyLayout( "app", "r" );
		assertArrayEquals( layout.stateKey(), layout.stateKeyFor( "Book#1" ) );
		assertTrue( layout.stateCopyKeys().isEmpty() );
		assertFalse( layout.isClustered() );
	}
}
