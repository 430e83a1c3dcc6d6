package dev.redisl2.hibernate.codec;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Arrays of primitives. They hold no references, so they are leaves: byte[] as Base64 and char[] as a string
 * (both far more compact than a list of numbers), the others as JSON arrays of their elements.
 */
final class ArrayScalars {

	private ArrayScalars() {
	}

	static List<ScalarType<?>> all() {
		return List.of(
				ScalarType.text( "b64", byte[].class, v -> Base64.getEncoder().encodeToString( v ), s -> Base64.getDecoder().decode( s ) ),
				ScalarType.text( "chars", char[].class, String::new, String::toCharArray ),
				ScalarType.of( "ia", int[].class, (out, v) -> out.writeArray( v, 0, v.length ), ArrayScalars::readInts ),
				ScalarType.of( "la", long[].class, (out, v) -> out.writeArray( v, 0, v.length ), ArrayScalars::readLongs ),
				ScalarType.of( "sa", short[].class, ArrayScalars::writeShorts, ArrayScalars::readShorts ),
				ScalarType.of( "za", boolean[].class, ArrayScalars::writeBooleans, ArrayScalars::readBooleans ),
				ScalarType.of( "fa", float[].class, ArrayScalars::writeFloats, ArrayScalars::readFloats ),
				ScalarType.of( "da", double[].class, ArrayScalars::writeDoubles, ArrayScalars::readDoubles )
		);
	}

	private static int[] readInts(JsonParser in) throws IOException {
		long[] values = readIntegers( in, Integer.MIN_VALUE, Integer.MAX_VALUE );
		int[] result = new int[values.length];
		for ( int i = 0; i < values.length; i++ ) {
			result[i] = (int) values[i];
		}
		return result;
	}

	private static long[] readLongs(JsonParser in) throws IOException {
		return readIntegers( in, Long.MIN_VALUE, Long.MAX_VALUE );
	}

	private static void writeShorts(JsonGenerator out, short[] values) throws IOException {
		out.writeStartArray();
		for ( short value : values ) {
			out.writeNumber( value );
		}
		out.writeEndArray();
	}

	private static short[] readShorts(JsonParser in) throws IOException {
		long[] values = readIntegers( in, Short.MIN_VALUE, Short.MAX_VALUE );
		short[] result = new short[values.length];
		for ( int i = 0; i < values.length; i++ ) {
			result[i] = (short) values[i];
		}
		return result;
	}

	private static long[] readIntegers(JsonParser in, long min, long max) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		long[] values = new long[8];
		int size = 0;
		while ( Json.nextPresent( in ) != JsonToken.END_ARRAY ) {
			if ( size == values.length ) {
				values = Arrays.copyOf( values, size * 2 );
			}
			values[size++] = Json.longValue( in, min, max );
		}
		return Arrays.copyOf( values, size );
	}

	private static void writeBooleans(JsonGenerator out, boolean[] values) throws IOException {
		out.writeStartArray();
		for ( boolean value : values ) {
			out.writeBoolean( value );
		}
		out.writeEndArray();
	}

	private static boolean[] readBooleans(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		boolean[] values = new boolean[8];
		int size = 0;
		while ( Json.nextPresent( in ) != JsonToken.END_ARRAY ) {
			if ( size == values.length ) {
				values = Arrays.copyOf( values, size * 2 );
			}
			values[size++] = Json.booleanValue( in );
		}
		return Arrays.copyOf( values, size );
	}

	private static void writeFloats(JsonGenerator out, float[] values) throws IOException {
		out.writeStartArray();
		for ( float value : values ) {
			Json.writeFloat( out, value );
		}
		out.writeEndArray();
	}

	private static float[] readFloats(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		float[] values = new float[8];
		int size = 0;
		while ( Json.nextPresent( in ) != JsonToken.END_ARRAY ) {
			if ( size == values.length ) {
				values = Arrays.copyOf( values, size * 2 );
			}
			values[size++] = Json.floatValue( in );
		}
		return Arrays.copyOf( values, size );
	}

	private static void writeDoubles(JsonGenerator out, double[] values) throws IOException {
		out.writeStartArray();
		for ( double value : values ) {
			Json.writeDouble( out, value );
		}
		out.writeEndArray();
	}

	private static double[] readDoubles(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		double[] values = new double[8];
		int size = 0;
		while ( Json.nextPresent( in ) != JsonToken.END_ARRAY ) {
			if ( size == values.length ) {
				values = Arrays.copyOf( values, size * 2 );
			}
			values[size++] = Json.doubleValue( in );
		}
		return Arrays.copyOf( values, size );
	}
}
