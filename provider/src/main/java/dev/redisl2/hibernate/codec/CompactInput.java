package dev.redisl2.hibernate.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reading of what {@link CompactOutput} writes. Every read that would run past the end,
 * every overlong varint and every length beyond the remaining bytes is a {@link CorruptEntryException}: the
 * input is whatever Redis holds under the key, so nothing here trusts it.
 */
final class CompactInput {

	private final byte[] bytes;
	private final int end;
	private int position;

	CompactInput(byte[] bytes, int offset, int end) {
		this.bytes = bytes;
		this.position = offset;
		this.end = end;
	}

	int readByte() {
		if ( position >= end ) {
			throw Json.corrupt( "truncated" );
		}
		return bytes[position++] & 0xFF;
	}

	long readVarLong() {
		long value = 0;
		for ( int shift = 0; shift < 64; shift += 7 ) {
			int b = readByte();
			if ( shift == 63 && b > 1 ) {
				throw Json.corrupt( "varint out of range" );
			}
			value |= (long) ( b & 0x7F ) << shift;
			if ( ( b & 0x80 ) == 0 ) {
				return value;
			}
		}
		throw Json.corrupt( "varint too long" );
	}

	long readSignedVarLong() {
		long raw = readVarLong();
		return ( raw >>> 1 ) ^ -( raw & 1 );
	}

	/** A signed varint that must fit in [min, max]. */
	long readSigned(long min, long max) {
		long value = readSignedVarLong();
		if ( value < min || value > max ) {
			throw Json.corrupt( "number out of range" );
		}
		return value;
	}

	/** A length or count: at most the bytes that remain (every element takes at least one byte). */
	int readLength() {
		long length = readVarLong();
		if ( length < 0 || length > end - position ) {
			throw Json.corrupt( "length beyond the entry" );
		}
		return (int) length;
	}

	/** A three-byte name code ({@link NameCodes}), high byte first. */
	int readCode() {
		return readByte() << 16 | readByte() << 8 | readByte();
	}

	long readFixed64() {
		long value = 0;
		for ( int i = 0; i < 8; i++ ) {
			value |= (long) readByte() << ( 8 * i );
		}
		return value;
	}

	int readFixed32() {
		int value = 0;
		for ( int i = 0; i < 4; i++ ) {
			value |= readByte() << ( 8 * i );
		}
		return value;
	}

	byte[] readBlob() {
		int length = readLength();
		byte[] copy = new byte[length];
		System.arraycopy( bytes, position, copy, 0, length );
		position += length;
		return copy;
	}

	/** Strict UTF-8: malformed input is corrupt, never replaced by U+FFFD. */
	String readString() {
		return readString( readLength() );
	}

	/** {@code length} bytes of strict UTF-8. */
	String readString(int length) {
		if ( length > end - position ) {
			throw Json.corrupt( "length beyond the entry" );
		}
		int start = position;
		position += length;
		boolean ascii = true;
		for ( int i = start; i < position && ascii; i++ ) {
			ascii = bytes[i] >= 0;
		}
		if ( ascii ) {
			return new String( bytes, start, length, StandardCharsets.ISO_8859_1 );
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput( CodingErrorAction.REPORT )
					.onUnmappableCharacter( CodingErrorAction.REPORT )
					.decode( ByteBuffer.wrap( bytes, start, length ) )
					.toString();
		}
		catch (CharacterCodingException e) {
			throw new CorruptEntryException( "Corrupt cache entry: malformed UTF-8", e );
		}
	}

	/** The bytes [position, position + length) as a slice start; moves past them. */
	int skip(int length) {
		if ( length > end - position ) {
			throw Json.corrupt( "length beyond the entry" );
		}
		int start = position;
		position += length;
		return start;
	}

	byte[] array() {
		return bytes;
	}

	boolean atEnd() {
		return position == end;
	}
}
