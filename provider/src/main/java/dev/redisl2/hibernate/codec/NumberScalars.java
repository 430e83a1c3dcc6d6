package dev.redisl2.hibernate.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Boxed numbers other than Long and plain Double, which are natural JSON and never tagged. */
final class NumberScalars {

	/**
	 * Longest decimal text accepted for a BigInteger or BigDecimal, both ways. Parsing cost grows with the square
	 * of the length, so an unbounded limit would let one hostile entry stall a thread; no column holds more.
	 */
	static final int MAX_DECIMAL_LENGTH = 10_000;

	private NumberScalars() {
	}

	static List<ScalarType<?>> all() {
		return List.of(
				ScalarType.integral( "i", Integer.class, Integer::longValue, v -> (int) v, Integer.MIN_VALUE, Integer.MAX_VALUE ),
				ScalarType.integral( "sh", Short.class, Short::longValue, v -> (short) v, Short.MIN_VALUE, Short.MAX_VALUE ),
				ScalarType.integral( "by", Byte.class, Byte::longValue, v -> (byte) v, Byte.MIN_VALUE, Byte.MAX_VALUE ),
				ScalarType.of( "f", Float.class, Json::writeFloat, Json::floatValue ),
				// Only the doubles JSON cannot carry reach this tag; the writer emits every other double as a number.
				ScalarType.of(
						"d",
						Double.class,
						(out, value) -> out.writeString( Double.toString( value ) ),
						in -> Json.specialDouble( Json.text( in ) )
				),
				// toString, not toPlainString: it keeps the scale ("1.50", "1E+3") and BigDecimal(String) restores it.
				ScalarType.text( "dec", BigDecimal.class, v -> bounded( v.toString() ), s -> new BigDecimal( checked( s ) ) ),
				ScalarType.text( "bi", BigInteger.class, v -> bounded( v.toString() ), s -> new BigInteger( checked( s ) ) )
		);
	}

	private static String bounded(String decimal) {
		if ( decimal.length() > MAX_DECIMAL_LENGTH ) {
			throw new UnsupportedValueException( "Number with more than " + MAX_DECIMAL_LENGTH + " characters" );
		}
		return decimal;
	}

	private static String checked(String decimal) {
		if ( decimal.length() > MAX_DECIMAL_LENGTH ) {
			throw Json.corrupt( "number with more than " + MAX_DECIMAL_LENGTH + " characters" );
		}
		return decimal;
	}
}
