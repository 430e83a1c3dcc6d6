package dev.redisl2.hibernate.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import java.util.function.IntFunction;

import dev.redisl2.hibernate.entry.EntryFormat;

/**
 * Renders a stored payload as readable JSON without instantiating anything from it: for operators (the
 * entry inspector) and for tests. Format 1 is already JSON; format 2 is shown in format 1's spelling, with a
 * name code written {@code "#a1b2c3"} unless {@code names} resolves it.
 */
public final class CompactText {

	private CompactText() {
	}

	/** The payload at {@code bytes[offset..]} as JSON text; corrupt input gives a {@link CorruptEntryException}. */
	public static String render(byte[] bytes, int offset, IntFunction<String> names) {
		return render( bytes, offset, names, (type, ordinal) -> null );
	}

	/**
	 * As {@link #render(byte[], int, IntFunction)}; {@code constants} names an enum constant from its class name
	 * and ordinal, or answers null (the ordinal is printed then).
	 */
	public static String render(byte[] bytes, int offset, IntFunction<String> names, java.util.function.BiFunction<String, Integer, String> constants) {
		if ( offset >= bytes.length ) {
			throw Json.corrupt( "no content" );
		}
		int first = bytes[offset] & 0xFF;
		if ( formatOf( bytes, offset ) == EntryFormat.JSON ) {
			return new String( bytes, offset, bytes.length - offset, StandardCharsets.UTF_8 );
		}
		CompactInput in = Compression.NONE.unpack( bytes, offset );
		StringBuilder out = new StringBuilder();
		if ( first == CompactTags.LZ4 ) {
			out.append( "{\"lz4\":" );
		}
		value( in, out, names, constants, 0 );
		if ( first == CompactTags.LZ4 ) {
			out.append( '}' );
		}
		return out.toString();
	}

	/** The entry format a payload at {@code bytes[offset]} was written in, told by its first byte. */
	public static int formatOf(byte[] bytes, int offset) {
		int first = bytes[offset] & 0xFF;
		return first == CompactTags.PLAIN || first == CompactTags.LZ4 ? EntryFormat.COMPACT : EntryFormat.JSON;
	}

	/** The three-byte code a name gets in format 2, for an inspector that knows candidate names. */
	public static int codeOf(String name) {
		return NameCodes.codeOf( name );
	}

	private static void value(CompactInput in, StringBuilder out, IntFunction<String> names,
			java.util.function.BiFunction<String, Integer, String> constants, int depth) {
		if ( depth > ValueCodec.MAX_DEPTH ) {
			throw Json.corrupt( "nested too deep" );
		}
		int tag = in.readByte();
		if ( tag >= CompactTags.SMALL_LONG ) {
			switch ( CompactTags.foldedKind( tag ) ) {
				case CompactTags.SMALL_LONG -> out.append( CompactTags.foldedNumber( tag ) );
				case CompactTags.SHORT_STRING -> string( in.readString( CompactTags.foldedLength( tag ) ), out );
				default -> tagged( out, "i" ).append( CompactTags.foldedNumber( tag ) ).append( '}' );
			}
			return;
		}
		switch ( tag ) {
			case CompactTags.NULL -> out.append( "null" );
			case CompactTags.FALSE -> out.append( "false" );
			case CompactTags.TRUE -> out.append( "true" );
			case CompactTags.STRING -> string( in.readString(), out );
			case CompactTags.LONG -> out.append( in.readSignedVarLong() );
			case CompactTags.INTEGER -> tagged( out, "i" ).append( in.readSignedVarLong() ).append( '}' );
			case CompactTags.SHORT -> tagged( out, "sh" ).append( in.readSignedVarLong() ).append( '}' );
			case CompactTags.BYTE -> tagged( out, "by" ).append( (byte) in.readByte() ).append( '}' );
			case CompactTags.DOUBLE -> out.append( Double.longBitsToDouble( in.readFixed64() ) );
			case CompactTags.FLOAT -> tagged( out, "f" ).append( Float.intBitsToFloat( in.readFixed32() ) ).append( '}' );
			case CompactTags.DECIMAL -> {
				int scale = (int) in.readSignedVarLong();
				text( out, "dec", BigDecimal.valueOf( in.readSignedVarLong(), scale ).toString() );
			}
			case CompactTags.BIG_DECIMAL -> {
				int scale = (int) in.readSignedVarLong();
				text( out, "dec", new BigDecimal( new BigInteger( in.readBlob() ), scale ).toString() );
			}
			case CompactTags.BIG_INTEGER -> text( out, "bi", new BigInteger( in.readBlob() ).toString() );
			case CompactTags.LOCAL_DATE -> text( out, "ld", LocalDate.ofEpochDay( in.readSignedVarLong() ).toString() );
			case CompactTags.LOCAL_DATE_TIME -> text( out, "ldt", LocalDateTime.of( LocalDate.ofEpochDay( in.readSignedVarLong() ),
					LocalTime.ofNanoOfDay( in.readVarLong() ) ).toString() );
			case CompactTags.INSTANT -> text( out, "inst", Instant.ofEpochSecond( in.readSignedVarLong(), in.readVarLong() ).toString() );
			case CompactTags.UUID -> text( out, "uuid", new UUID( in.readFixed64(), in.readFixed64() ).toString() );
			case CompactTags.ENUM -> {
				out.append( "{\"enum\":[" );
				String type = name( in, out, names );
				int ordinal = (int) in.readVarLong();
				in.readByte();
				in.readByte();
				String constant = type == null ? null : constants.apply( type, ordinal );
				out.append( ',' );
				if ( constant != null ) {
					string( constant, out );
				}
				else {
					out.append( ordinal );
				}
				out.append( "]}" );
			}
			case CompactTags.UNFETCHED -> out.append( "{\"mark\":\"unfetched\"}" );
			case CompactTags.UNKNOWN -> out.append( "{\"mark\":\"unknown\"}" );
			case CompactTags.OBJECT_ARRAY -> elements( in, tagged( out, "arr" ), names, constants, depth ).append( '}' );
			case CompactTags.SERIALIZABLE_ARRAY -> elements( in, tagged( out, "sarr" ), names, constants, depth ).append( '}' );
			case CompactTags.ENTITY -> {
				out.append( "{\"E\":{\"sub\":" );
				name( in, out, names );
				out.append( ",\"ver\":" );
				value( in, out, names, constants, depth + 1 );
				out.append( ",\"state\":" );
				elements( in, out, names, constants, depth ).append( "}}" );
			}
			case CompactTags.COLLECTION -> elements( in, tagged( out, "C" ), names, constants, depth ).append( '}' );
			case CompactTags.QUERY -> {
				out.append( "{\"Q\":{\"ts\":" ).append( in.readSignedVarLong() ).append( ",\"rows\":" );
				elements( in, out, names, constants, depth ).append( "}}" );
			}
			case CompactTags.LIST -> elements( in, tagged( out, "list" ), names, constants, depth ).append( '}' );
			case CompactTags.SET -> elements( in, tagged( out, "set" ), names, constants, depth ).append( '}' );
			case CompactTags.JSON -> {
				byte[] json = in.readBlob();
				out.append( new String( json, StandardCharsets.UTF_8 ) );
			}
			default -> throw Json.corrupt( "unknown tag " + tag );
		}
	}

	private static StringBuilder elements(CompactInput in, StringBuilder out, IntFunction<String> names,
			java.util.function.BiFunction<String, Integer, String> constants, int depth) {
		int count = in.readLength();
		out.append( '[' );
		for ( int i = 0; i < count; i++ ) {
			if ( i > 0 ) {
				out.append( ',' );
			}
			value( in, out, names, constants, depth + 1 );
		}
		return out.append( ']' );
	}

	/** Prints a name (or its code) and returns it, or null when only its code is known. */
	private static String name(CompactInput in, StringBuilder out, IntFunction<String> names) {
		int code = in.readCode();
		String name = code == NameCodes.ESCAPE ? in.readString() : names == null ? null : names.apply( code );
		string( name != null ? name : String.format( "#%06x", code ), out );
		return name;
	}

	private static StringBuilder tagged(StringBuilder out, String tag) {
		return out.append( "{\"" ).append( tag ).append( "\":" );
	}

	private static void text(StringBuilder out, String tag, String text) {
		tagged( out, tag );
		string( text, out );
		out.append( '}' );
	}

	private static void string(String s, StringBuilder out) {
		out.append( '"' );
		for ( int i = 0; i < s.length(); i++ ) {
			char c = s.charAt( i );
			switch ( c ) {
				case '"' -> out.append( "\\\"" );
				case '\\' -> out.append( "\\\\" );
				case '\n' -> out.append( "\\n" );
				default -> {
					if ( c < 0x20 ) {
						out.append( String.format( "\\u%04x", (int) c ) );
					}
					else {
						out.append( c );
					}
				}
			}
		}
		out.append( '"' );
	}
}
