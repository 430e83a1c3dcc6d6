package dev.redisl2.hibernate.codec;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Strict token reading shared by the readers: every deviation from what the writer produces is a
 * {@link CorruptEntryException}, never a silently coerced value.
 */
final class Json {

	private static final long NEGATIVE_ZERO_DOUBLE = Double.doubleToRawLongBits( -0.0d );
	private static final int NEGATIVE_ZERO_FLOAT = Float.floatToRawIntBits( -0.0f );

	private Json() {
	}

	static CorruptEntryException corrupt(String problem) {
		return new CorruptEntryException( "Corrupt cache entry: " + problem );
	}

	/** Fails unless the parser's current token is the expected one. */
	static void require(JsonParser in, JsonToken expected) {
		JsonToken actual = in.currentToken();
		if ( actual != expected ) {
			throw corrupt( "expected " + expected + " but found " + actual );
		}
	}

	/** Advances one token and fails unless it is the expected one. */
	static void next(JsonParser in, JsonToken expected) throws IOException {
		in.nextToken();
		require( in, expected );
	}

	/** Advances one token and fails at the end of input, which Jackson reports as a null token. */
	static JsonToken nextPresent(JsonParser in) throws IOException {
		JsonToken token = in.nextToken();
		if ( token == null ) {
			throw corrupt( "truncated" );
		}
		return token;
	}

	static String text(JsonParser in) throws IOException {
		require( in, JsonToken.VALUE_STRING );
		return in.getText();
	}

	static boolean booleanValue(JsonParser in) {
		JsonToken token = in.currentToken();
		if ( token == JsonToken.VALUE_TRUE ) {
			return true;
		}
		if ( token == JsonToken.VALUE_FALSE ) {
			return false;
		}
		throw corrupt( "expected a boolean but found " + token );
	}

	/** The current token as a long; integers beyond 64 bits are corrupt, not truncated. */
	static long longValue(JsonParser in) throws IOException {
		require( in, JsonToken.VALUE_NUMBER_INT );
		JsonParser.NumberType type = in.getNumberType();
		if ( type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG ) {
			throw corrupt( "integer out of range" );
		}
		return in.getLongValue();
	}

	static long longValue(JsonParser in, long min, long max) throws IOException {
		long value = longValue( in );
		if ( value < min || value > max ) {
			throw corrupt( "integer " + value + " outside [" + min + ", " + max + "]" );
		}
		return value;
	}

	/**
	 * JSON has no NaN, infinities or negative zero (and readers elsewhere would fold -0.0 into 0), so those are
	 * written as their Java spelling in a string and every other double as a plain JSON number.
	 */
	static boolean isPlainDouble(double value) {
		return Double.isFinite( value ) && Double.doubleToRawLongBits( value ) != NEGATIVE_ZERO_DOUBLE;
	}

	static void writeDouble(JsonGenerator out, double value) throws IOException {
		if ( isPlainDouble( value ) ) {
			out.writeNumber( value );
		}
		else {
			out.writeString( Double.toString( value ) );
		}
	}

	/** A double written by {@link #writeDouble}: a JSON fraction, or one of the special spellings. */
	static double doubleValue(JsonParser in) throws IOException {
		if ( in.currentToken() == JsonToken.VALUE_NUMBER_FLOAT ) {
			return in.getDoubleValue();
		}
		return specialDouble( text( in ) );
	}

	static double specialDouble(String text) {
		return switch ( text ) {
			case "NaN" -> Double.NaN;
			case "Infinity" -> Double.POSITIVE_INFINITY;
			case "-Infinity" -> Double.NEGATIVE_INFINITY;
			case "-0.0" -> -0.0d;
			default -> throw corrupt( "not a special double: " + text );
		};
	}

	static void writeFloat(JsonGenerator out, float value) throws IOException {
		if ( Float.isFinite( value ) && Float.floatToRawIntBits( value ) != NEGATIVE_ZERO_FLOAT ) {
			out.writeNumber( value );
		}
		else {
			out.writeString( Float.toString( value ) );
		}
	}

	/**
	 * Parsed from the literal text with {@link Float#parseFloat}: going through double first can round twice
	 * and land on a neighbouring float.
	 */
	static float floatValue(JsonParser in) throws IOException {
		if ( in.currentToken() == JsonToken.VALUE_NUMBER_FLOAT ) {
			return Float.parseFloat( in.getText() );
		}
		return switch ( text( in ) ) {
			case "NaN" -> Float.NaN;
			case "Infinity" -> Float.POSITIVE_INFINITY;
			case "-Infinity" -> Float.NEGATIVE_INFINITY;
			case "-0.0" -> -0.0f;
			default -> throw corrupt( "not a special float" );
		};
	}
}
