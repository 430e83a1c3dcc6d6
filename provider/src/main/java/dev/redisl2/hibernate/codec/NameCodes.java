package dev.redisl2.hibernate.codec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Three-byte codes for the class and entity names entries would otherwise spell out in full
 * ({@code dev.redisl2.sample.Genre}). A code is derived from the name alone (the first 24 bits of its SHA-256),
 * never assigned, so every node and every deployment agrees on it without coordination. A node knows the
 * names of its own mapping; a code it cannot resolve (a name its deployment does not map) makes the entry
 * corrupt, that is a miss. Names whose codes collide within the table, and names outside it, are written in
 * full after the escape code {@code FF FF FF}.
 */
final class NameCodes {

	static final int ESCAPE = 0xFFFFFF;

	private final Map<String, Integer> codes = new HashMap<>();
	private final Map<Integer, String> names = new HashMap<>();

	NameCodes(Collection<String> known) {
		Map<Integer, String> seen = new HashMap<>();
		Set<Integer> clashes = new HashSet<>();
		for ( String name : new HashSet<>( known ) ) {
			int code = codeOf( name );
			if ( code == ESCAPE || seen.putIfAbsent( code, name ) != null ) {
				clashes.add( code );
			}
		}
		seen.forEach( (code, name) -> {
			if ( !clashes.contains( code ) ) {
				codes.put( name, code );
				names.put( code, name );
			}
		} );
	}

	static int codeOf(String name) {
		try {
			byte[] digest = MessageDigest.getInstance( "SHA-256" ).digest( name.getBytes( StandardCharsets.UTF_8 ) );
			return ( digest[0] & 0xFF ) << 16 | ( digest[1] & 0xFF ) << 8 | ( digest[2] & 0xFF );
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException( e );
		}
	}

	void write(CompactOutput out, String name) {
		Integer code = codes.get( name );
		int value = code == null ? ESCAPE : code;
		out.writeByte( value >>> 16 );
		out.writeByte( value >>> 8 );
		out.writeByte( value );
		if ( code == null ) {
			out.writeString( name );
		}
	}

	String read(CompactInput in) {
		int code = in.readCode();
		if ( code == ESCAPE ) {
			return in.readString();
		}
		String name = names.get( code );
		if ( name == null ) {
			throw Json.corrupt( "a name code this mapping does not know: " + Integer.toHexString( code ) );
		}
		return name;
	}

	/** The name of a code, or null (for the inspector, which prints what it cannot resolve as a code). */
	String nameOf(int code) {
		return names.get( code );
	}
}
