package dev.redisl2.hibernate.codec;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTextTest {

	@Test
	void integralVersionsAreTheirDecimalValue() {
		assertEquals( "42", VersionText.encode( 42 ) );
		assertEquals( "-5", VersionText.encode( -5L ) );
		assertEquals( "0", VersionText.encode( 0 ) );
		assertEquals( "7", VersionText.encode( (short) 7 ) );
		assertEquals( "-128", VersionText.encode( (byte) -128 ) );
		assertEquals( "9223372036854775807", VersionText.encode( Long.MAX_VALUE ) );
		assertEquals( "-9223372036854775808", VersionText.encode( Long.MIN_VALUE ) );
		assertEquals( "123456789012345678901234567890", VersionText.encode( new BigInteger( "123456789012345678901234567890" ) ) );
	}

	@Test
	void timestampsAreEpochNanoseconds() {
		assertEquals( "0", VersionText.encode( Instant.EPOCH ) );
		assertEquals( "1000000005", VersionText.encode( Instant.ofEpochSecond( 1, 5 ) ) );
		assertEquals( "-1", VersionText.encode( Instant.ofEpochSecond( -1, 999_999_999 ) ) );
		assertEquals( "-1000000000", VersionText.encode( Instant.ofEpochSecond( -1 ) ) );
		Instant instant = Instant.parse( "2024-02-29T12:34:56.123456789Z" );
		String expected = "1709210096123456789";
		assertEquals( expected, VersionText.encode( instant ) );
		assertEquals( expected, VersionText.encode( Timestamp.from( instant ) ) );
		assertEquals( expected, VersionText.encode( LocalDateTime.ofInstant( instant, ZoneOffset.UTC ) ) );
		assertEquals( expected, VersionText.encode( instant.atOffset( ZoneOffset.ofHours( 3 ) ) ) );
		assertEquals( expected, VersionText.encode( instant.atZone( ZoneId.of( "America/Los_Angeles" ) ) ) );
		assertEquals( "1709210096123000000", VersionText.encode( Date.from( instant ) ) );
		assertEquals( "-1000000", VersionText.encode( new Date( -1 ) ) );
		assertEquals( "86400000000000", VersionText.encode( new java.sql.Date( 86_400_000L ) ) );
		assertEquals( "1000000", VersionText.encode( new java.sql.Time( 1 ) ) );
	}

	@Test
	void timestampsBeyondTheLongRangeStillEncode() {
		assertEquals( BigInteger.valueOf( Instant.MAX.getEpochSecond() ).multiply( BigInteger.valueOf( 1_000_000_000L ) )
				.add( BigInteger.valueOf( 999_999_999 ) ).toString(), VersionText.encode( Instant.MAX ) );
		assertEquals( "-31557014167219200000000000", VersionText.encode( Instant.MIN ) );
	}

	@Test
	void otherTypesHaveNoText() {
		assertNull( VersionText.encode( null ) );
		assertNull( VersionText.encode( "5" ) );
		assertNull( VersionText.encode( 5.0d ) );
		assertNull( VersionText.encode( new java.math.BigDecimal( "5" ) ) );
		assertNull( VersionText.encode( UUID.randomUUID() ) );
		assertNull( VersionText.encode( new byte[] { 1 } ) );
	}

	@Test
	void comparesNumerically() {
		assertTrue( VersionText.compare( "9", "10" ) < 0 );
		assertTrue( VersionText.compare( "10", "9" ) > 0 );
		assertTrue( VersionText.compare( "-10", "-9" ) < 0 );
		assertTrue( VersionText.compare( "-9", "-10" ) > 0 );
		assertTrue( VersionText.compare( "-1", "0" ) < 0 );
		assertTrue( VersionText.compare( "0", "1" ) < 0 );
		assertTrue( VersionText.compare( "-1", "1" ) < 0 );
		assertEquals( 0, VersionText.compare( "123", "123" ) );
		assertEquals( 0, VersionText.compare( "-123", "-123" ) );
		// Equal as doubles, different as longs: exactly what Lua numbers would get wrong.
		assertTrue( VersionText.compare( "9007199254740993", "9007199254740992" ) > 0 );
		assertTrue( VersionText.compare( VersionText.encode( Long.MAX_VALUE - 1 ), VersionText.encode( Long.MAX_VALUE ) ) < 0 );
		assertTrue( VersionText.compare( VersionText.encode( Long.MIN_VALUE ), VersionText.encode( Long.MIN_VALUE + 1 ) ) < 0 );
		assertTrue( VersionText.compare( "99999999999999999999999", "100000000000000000000000" ) < 0 );
	}

	@Test
	void compareAgreesWithBigIntegerOnRandomPairs() {
		Random random = new Random( 99L );
		for ( int i = 0; i < 2000; i++ ) {
			BigInteger a = new BigInteger( 1 + random.nextInt( 90 ), random ).multiply( BigInteger.valueOf( random.nextInt( 3 ) - 1 ) );
			BigInteger b = random.nextInt( 10 ) == 0 ? a : new BigInteger( 1 + random.nextInt( 90 ), random ).multiply( BigInteger.valueOf( random.nextInt( 3 ) - 1 ) );
			assertEquals( Integer.signum( a.compareTo( b ) ), Integer.signum( VersionText.compare( a.toString(), b.toString() ) ), a + " vs " + b );
		}
	}

	@Test
	void laterInstantsCompareGreater() {
		Instant base = Instant.parse( "2024-01-01T00:00:00Z" );
		Instant[] ordered = { base.minusSeconds( 86_400L * 365 * 100 ), base.minusNanos( 1 ), base, base.plusNanos( 1 ), base.plusSeconds( 1 ) };
		for ( int i = 1; i < ordered.length; i++ ) {
			assertTrue( VersionText.compare( VersionText.encode( ordered[i - 1] ), VersionText.encode( ordered[i] ) ) < 0 );
		}
		OffsetDateTime local = OffsetDateTime.of( 2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours( 5 ) );
		ZonedDateTime utc = ZonedDateTime.of( 2024, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC );
		assertTrue( VersionText.compare( VersionText.encode( local ), VersionText.encode( utc ) ) < 0 );
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-", "01", "-0", "+1", "1.0", "abc", "1 ", "--1", "-01" })
	void rejectsNonCanonicalText(String text) {
		assertThrows( IllegalArgumentException.class, () -> VersionText.compare( text, "1" ) );
		assertThrows( IllegalArgumentException.class, () -> VersionText.compare( "1", text ) );
	}
}
