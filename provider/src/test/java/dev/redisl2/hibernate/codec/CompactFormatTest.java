package dev.redisl2.hibernate.codec;

import static dev.redisl2.hibernate.codec.SameValue.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.redisl2.hibernate.codec.fixtures.Color;

import org.junit.jupiter.api.Test;

/** What format 2 adds to format 1: its size, name codes, compression, and its refusal of foreign bytes. */
class CompactFormatTest {

	private static final List<String> NAMES = List.of( Color.class.getName(), "dev.redisl2.sample.Book" );

	private final ValueCodec compact = CompactCodecs.compact( NAMES, Compression.above( 256 ) );
	private final ValueCodec json = new ValueCodec( ValueCodecRoundTripTest.ALLOW_LIST );

	/** The 8-attribute entity: a name, a code, an int, a BigDecimal, a LocalDate, an enum, a boolean, a to-one id. */
	private static Object edition() {
		return HibernateFixtures.entityEntry( new Serializable[] { "Widget 42 bright", "W-000042", 17, new BigDecimal( "12.99" ),
				LocalDate.of( 2024, 3, 1 ), Color.RED, Boolean.TRUE, 7L }, "dev.redisl2.sample.Book", 0L );
	}

	@Test
	void anEntityIsAFractionOfItsJson() {
		byte[] binary = compact.encode( edition() );
		byte[] text = json.encode( edition() );
		System.out.printf( "[compact] 8-attribute entity: %d bytes in format 2, %d in format 1%n", binary.length, text.length );
		assertTrue( binary.length * 3 < text.length, binary.length + " bytes vs " + text.length );
		assertSameValue( edition(), compact.decode( binary, 0 ) );
	}

	@Test
	void knownNamesAreThreeByteCodes_othersAreSpelledOut() {
		byte[] known = compact.encode( Color.RED );
		assertEquals( 1 + 1 + 3 + 1 + 2, known.length ); // payload kind, tag, code, ordinal, check
		ValueCodec unaware = CompactCodecs.compact( List.of(), Compression.NONE );
		byte[] spelled = unaware.encode( Color.RED );
		assertTrue( new String( spelled, java.nio.charset.StandardCharsets.ISO_8859_1 ).contains( Color.class.getName() ) );
		assertSameValue( Color.RED, unaware.decode( spelled, 0 ) );
		assertSameValue( Color.RED, compact.decode( spelled, 0 ) ); // a spelled-out name reads on any node
		assertThrows( CorruptEntryException.class, () -> unaware.decode( known, 0 ),
				"a code this node's mapping does not know is a miss" );
	}

	@Test
	void anEnumIsItsOrdinal_checkedAgainstItsName_soReorderedConstantsAreAMiss() {
		byte[] red = compact.encode( Color.RED );
		assertEquals( Color.RED.ordinal(), red[5] );
		for ( Color other : Color.values() ) {
			byte[] moved = red.clone();
			moved[5] = (byte) other.ordinal(); // as if this node declared RED at another place
			if ( other == Color.RED ) {
				assertSameValue( Color.RED, compact.decode( moved, 0 ) );
			}
			else {
				assertThrows( CorruptEntryException.class, () -> compact.decode( moved, 0 ), other.name() );
			}
		}
		byte[] beyond = red.clone();
		beyond[5] = (byte) Color.values().length;
		assertThrows( CorruptEntryException.class, () -> compact.decode( beyond, 0 ) );
	}

	@Test
	void smallNumbersAndShortStringsFoldIntoTheirTag() {
		assertEquals( 2, compact.encode( 31L ).length );
		assertEquals( 3, compact.encode( 32L ).length );
		assertEquals( 2, compact.encode( -32 ).length );
		assertEquals( 2 + 63, compact.encode( "x".repeat( 63 ) ).length );
		assertEquals( 3 + 64, compact.encode( "x".repeat( 64 ) ).length );
		for ( Object value : new Object[] { -33L, -32L, 31L, 32L, -33, -32, 31, 32, "", "é".repeat( 31 ), "é".repeat( 32 ), "x".repeat( 64 ) } ) {
			assertSameValue( value, compact.decode( compact.encode( value ), 0 ) );
		}
	}

	@Test
	void largeValuesAreCompressed_smallOnesNot_andEveryNodeReadsBoth() {
		List<Object> rows = new ArrayList<>();
		for ( long i = 0; i < 300; i++ ) {
			rows.add( new Object[] { i, "Product " + i + " bright", new BigDecimal( "9.99" ) } );
		}
		Object result = HibernateFixtures.queryItem( 5L, rows );
		byte[] packed = compact.encode( result );
		byte[] plain = CompactCodecs.compact( NAMES, Compression.NONE ).encode( result );
		assertEquals( CompactTags.LZ4, packed[0] );
		assertEquals( CompactTags.PLAIN, plain[0] );
		assertTrue( packed.length * 2 < plain.length, packed.length + " vs " + plain.length );
		assertSameValue( result, CompactCodecs.compact( NAMES, Compression.NONE ).decode( packed, 0 ) );
		assertEquals( CompactTags.PLAIN, compact.encode( edition() )[0], "below the threshold" );
	}

	@Test
	void theOtherFormatIsCorrupt_neverDecoded() {
		assertThrows( CorruptEntryException.class, () -> compact.decode( json.encode( edition() ), 0 ) );
		assertThrows( CorruptEntryException.class, () -> json.decode( compact.encode( edition() ), 0 ) );
	}

	@Test
	void aClaimedUncompressedLengthBeyondLz4sRatioIsRefusedBeforeAllocating() {
		byte[] bomb = { CompactTags.LZ4, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F, 0x10, 0x00 };
		assertThrows( CorruptEntryException.class, () -> compact.decode( bomb, 0 ) );
	}

	/** Every truncation and many random bytes flips of valid entries: a value or CorruptEntryException, nothing else. */
	@Test
	void damagedEntriesAreCorrupt_neverAnotherException() {
		List<Object> samples = List.of( edition(), HibernateFixtures.queryItem( 3L, new ArrayList<>( List.of( 1L, 2L ) ) ),
				new Object[] { "x", LocalDate.MIN, new BigDecimal( "1E+5" ), java.util.UUID.randomUUID(), 3.5d, 2.5f },
				new ArrayList<>( List.of( java.util.Map.of( "k", 1 ) ) ) );
		Random random = new Random( 42 );
		int decoded = 0;
		for ( Object sample : samples ) {
			byte[] good = compact.encode( sample );
			for ( int cut = 1; cut < good.length; cut++ ) {
				byte[] truncated = java.util.Arrays.copyOf( good, cut );
				assertThrows( CorruptEntryException.class, () -> compact.decode( truncated, 0 ), "truncated at " + cut );
			}
			for ( int round = 0; round < 3000; round++ ) {
				byte[] bad = good.clone();
				bad[1 + random.nextInt( bad.length - 1 )] = (byte) random.nextInt( 256 );
				try {
					compact.decode( bad, 0 );
					decoded++;
				}
				catch (CorruptEntryException expected) {
					// the only failure allowed
				}
			}
		}
		System.out.printf( "[compact] %d of %d damaged entries still decoded to some value%n", decoded, samples.size() * 3000 );
	}
}
