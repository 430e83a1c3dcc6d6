package dev.redisl2.hibernate.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the few encodings the compact format uses: LEB128 varints, zigzag, raw bits. */
final class CompactOutput {

	private byte[] bytes;
	private int size;

	CompactOutput(int capacity) {
		bytes = new byte[Math.max( 16, capacity )];
	}

	void writeByte(int b) {
		ensure( 1 );
		bytes[size++] = (byte) b;
	}

	void writeBytes(byte[] b, int offset, int length) {
		ensure( length );
		System.arraycopy( b, offset, bytes, size, length );
		size += length;
	}

	/** An unsigned LEB128 varint: 7 bits a byte, low bits first; 1 byte below 128. */
	void writeVarLong(long value) {
		ensure( 10 );
		while ( ( value & ~0x7FL ) != 0 ) {
			bytes[size++] = (byte) ( ( value & 0x7F ) | 0x80 );
			value >>>= 7;
		}
		bytes[size++] = (byte) value;
	}

	/** A signed value as a zigzag varint, so small negative numbers stay short too. */
	void writeSignedVarLong(long value) {
		writeVarLong( ( value << 1 ) ^ ( value >> 63 ) );
	}

	void writeFixed64(long value) {
		ensure( 8 );
		for ( int i = 0; i < 8; i++ ) {
			bytes[size++] = (byte) ( value >>> ( 8 * i ) );
		}
	}

	void writeFixed32(int value) {
		ensure( 4 );
		for ( int i = 0; i < 4; i++ ) {
			bytes[size++] = (byte) ( value >>> ( 8 * i ) );
		}
	}

	/** Length-prefixed bytes. */
	void writeBlob(byte[] b) {
		writeVarLong( b.length );
		writeBytes( b, 0, b.length );
	}

	/**
	 * A string as {@code shortTag + length} and its UTF-8 when that is under {@code folded} bytes, else as
	 * {@code longTag}, a varint length and its UTF-8.
	 */
	void writeTaggedString(String s, int shortTag, int folded, int longTag) {
		byte[] utf8 = ascii( s ) ? null : s.getBytes( StandardCharsets.UTF_8 );
		int length = utf8 == null ? s.length() : utf8.length;
		if ( length < folded ) {
			writeByte( shortTag + length );
		}
		else {
			writeByte( longTag );
			writeVarLong( length );
		}
		writeText( s, utf8, length );
	}

	/** Length-prefixed UTF-8. */
	void writeString(String s) {
		byte[] utf8 = ascii( s ) ? null : s.getBytes( StandardCharsets.UTF_8 );
		int length = utf8 == null ? s.length() : utf8.length;
		writeVarLong( length );
		writeText( s, utf8, length );
	}

	/** The string's bytes: its UTF-8 when it has any other character, else its characters copied without an encoder. */
	private void writeText(String s, byte[] utf8, int length) {
		if ( utf8 != null ) {
			writeBytes( utf8, 0, length );
			return;
		}
		ensure( length );
		for ( int i = 0; i < length; i++ ) {
			bytes[size++] = (byte) s.charAt( i );
		}
	}

	private static boolean ascii(String s) {
		for ( int i = 0; i < s.length(); i++ ) {
			if ( s.charAt( i ) >= 0x80 ) {
				return false;
			}
		}
		return true;
	}

	int size() {
		return size;
	}

	byte[] toByteArray() {
		return Arrays.copyOf( bytes, size );
	}

	/** The buffer itself (valid up to {@link #size()}), for a compressor to read without a copy. */
	byte[] buffer() {
		return bytes;
	}

	private void ensure(int more) {
		if ( size + more > bytes.length ) {
			bytes = Arrays.copyOf( bytes, Math.max( bytes.length * 2, size + more ) );
		}
	}
}
