package dev.redisl2.hibernate.codec;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;

/**
 * An entity version as a decimal integer that a Lua script can compare without floating point: Lua numbers are
 * doubles, which lose precision beyond 2^53, so versions travel as text and are compared by sign, length and
 * digits. Timestamps become epoch nanoseconds, so that two versions one nanosecond apart still differ.
 */
public final class VersionText {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;
	private static final long NANOS_PER_MILLI = 1_000_000L;

	private VersionText() {
	}

	/**
	 * Integer, Long, Short, Byte and BigInteger as their decimal value; Instant, Timestamp, Date (and its
	 * java.sql subclasses), LocalDateTime (taken as UTC), OffsetDateTime and ZonedDateTime as decimal epoch
	 * nanoseconds. Null for anything else, including null: such versions have no comparable text.
	 */
	public static String encode(Object version) {
		if ( version instanceof Long || version instanceof Integer || version instanceof Short || version instanceof Byte ) {
			return Long.toString( ( (Number) version ).longValue() );
		}
		if ( version instanceof BigInteger big ) {
			return big.toString();
		}
		if ( version instanceof Instant instant ) {
			return epochNanos( instant.getEpochSecond(), instant.getNano() );
		}
		if ( version instanceof Timestamp timestamp ) {
			return epochNanos( Math.floorDiv( timestamp.getTime(), 1000L ), timestamp.getNanos() );
		}
		if ( version instanceof Date date ) {
			// Not toInstant(): java.sql.Date and java.sql.Time throw from it.
			long millis = date.getTime();
			return epochNanos( Math.floorDiv( millis, 1000L ), (int) Math.floorMod( millis, 1000L ) * (int) NANOS_PER_MILLI );
		}
		if ( version instanceof LocalDateTime local ) {
			return epochNanos( local.toEpochSecond( ZoneOffset.UTC ), local.getNano() );
		}
		if ( version instanceof OffsetDateTime offset ) {
			return epochNanos( offset.toEpochSecond(), offset.getNano() );
		}
		if ( version instanceof ZonedDateTime zoned ) {
			return epochNanos( zoned.toEpochSecond(), zoned.getNano() );
		}
		return null;
	}

	/**
	 * Compares two texts produced by {@link #encode} numerically and exactly, as the Lua scripts do: by sign,
	 * then by number of digits, then digit by digit. Returns a negative number, zero or a positive number.
	 *
	 * @throws IllegalArgumentException if either text is not a canonical decimal integer
	 */
	public static int compare(String a, String b) {
		requireCanonical( a );
		requireCanonical( b );
		boolean aNegative = a.charAt( 0 ) == '-';
		boolean bNegative = b.charAt( 0 ) == '-';
		if ( aNegative != bNegative ) {
			return aNegative ? -1 : 1;
		}
		int magnitude = a.length() != b.length()
				? Integer.compare( a.length(), b.length() )
				: Integer.signum( a.compareTo( b ) );
		return aNegative ? -magnitude : magnitude;
	}

	/** Seconds and nanoseconds to one integer; beyond the long range (year 2262) it takes BigInteger. */
	private static String epochNanos(long seconds, int nanos) {
		try {
			return Long.toString( Math.addExact( Math.multiplyExact( seconds, NANOS_PER_SECOND ), nanos ) );
		}
		catch (ArithmeticException overflow) {
			return BigInteger.valueOf( seconds )
					.multiply( BigInteger.valueOf( NANOS_PER_SECOND ) )
					.add( BigInteger.valueOf( nanos ) )
					.toString();
		}
	}

	/**
	 * Length-then-digits ordering is only right without leading zeros, a plus sign or "-0", which encode never
	 * produces; anything else is a caller bug worth failing loudly on.
	 */
	private static void requireCanonical(String text) {
		int start = !text.isEmpty() && text.charAt( 0 ) == '-' ? 1 : 0;
		int digits = text.length() - start;
		boolean canonical = digits > 0
				&& ( digits == 1 || text.charAt( start ) != '0' )
				&& !( start == 1 && digits == 1 && text.charAt( 1 ) == '0' );
		for ( int i = start; canonical && i < text.length(); i++ ) {
			char c = text.charAt( i );
			canonical = c >= '0' && c <= '9';
		}
		if ( !canonical ) {
			throw new IllegalArgumentException( "Not a canonical decimal integer: '" + text + "'" );
		}
	}
}
