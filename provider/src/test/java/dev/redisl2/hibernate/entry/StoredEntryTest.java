package dev.redisl2.hibernate.entry;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StoredEntryTest {

	private static byte[] b(String s) {
		return s.getBytes( StandardCharsets.UTF_8 );
	}

	@Test
	void value_roundTripsHeaderAndPointsAtPayload() {
		byte[] raw = StoredEntry.value( 7, 1_700_000_000_000_000L, "3", "abcdef0123", b( "{\"x\":1}" ) );
		StoredEntry e = StoredEntry.parse( raw );
		assertEquals( StoredEntry.Kind.VALUE, e.kind() );
		assertEquals( 7, e.generation() );
		assertEquals( 1_700_000_000_000_000L, e.timestamp() );
		assertEquals( "3", e.version() );
		assertEquals( "abcdef0123", e.fingerprint() );
		assertEquals( "{\"x\":1}", new String( raw, e.payloadOffset(), raw.length - e.payloadOffset(), StandardCharsets.UTF_8 ) );
	}

	@Test
	void markersAndLocks_parse() {
		assertEquals( StoredEntry.Kind.TOMBSTONE, StoredEntry.parse( StoredEntry.tombstone( 1, 2 ) ).kind() );
		assertEquals( StoredEntry.Kind.NOT_FOUND, StoredEntry.parse( StoredEntry.notFound( 1, 2 ) ).kind() );
		StoredEntry lock = StoredEntry.parse( b( "L 5 99 - owner 3 1 0 0" ) );
		assertEquals( StoredEntry.Kind.LOCK, lock.kind() );
		assertEquals( 99, lock.timestamp() );
	}

	@Test
	void foreignOrCorruptBytes_areNotEntries() {
		assertNull( StoredEntry.parse( null ) );
		assertNull( StoredEntry.parse( b( "hello world" ) ) );
		assertNull( StoredEntry.parse( new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5, 1, 2 } ) );
		assertNull( StoredEntry.parse( b( "V 1 2 3\n{}" ) ) );
		assertNull( StoredEntry.parse( b( "V 1 2 - -" ) ) ); // a value without payload
		assertNull( StoredEntry.parse( b( "V x 2 - -\n{}" ) ) );
		assertNull( StoredEntry.parse( b( "L 1 2 3" ) ) );
		assertNull( StoredEntry.parse( b( "V " + "9".repeat( 600 ) + "\n{}" ) ) );
	}

	/** The same headers entry.lua treats as foreign (ProtocolHolesTest): one reading of the format for both. */
	@Test
	void headersOutsideTheExactFormat_areForeign() {
		for ( String forged : new String[] { "V 1000\t100 7 fp\nx", "V 1000  100 7 fp\nx", "V 1000 100 7 fp \nx",
				"T 1000 inf", "T 1000 nan", "T 1000 1e300", "T 1000 +5", "T 1000 0x10", "T 1000 99999999999999999",
				"L 1000 9999 - o 1 1 0 0\u00a0", "L 1000 9999 - o 1 x 0 0", "T 1000 " + ( 1L << 53 ) } ) {
			assertNull( StoredEntry.parse( b( forged ) ), forged );
		}
		assertNotNull( StoredEntry.parse( b( "T 1000 " + ( ( 1L << 53 ) - 1 ) ) ) );
		assertNotNull( StoredEntry.parse( b( "L 1000 9999 ?AAE o 1 1 0 0" ) ) );
	}
}
