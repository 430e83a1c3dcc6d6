package dev.redisl2.hibernate.entry;

import java.nio.charset.StandardCharsets;

/**
 * A parsed entry header. Formats (fields separated by one space, header ended by a newline):
 * <pre>
 *   V gen ts version fingerprint\n payload   a cached value, written at ts
 *   L gen timeout version owner lockId multiplicity unlockTs concurrent
 *                                            a read-write soft lock (multiplicity 0: released)
 *   T gen ts                                 a tombstone: loads that began before ts may not write
 *   N gen ts                                 "no such row", cached by the negative cache
 *   F gen ts token                           a load in flight (single-flight loads); every script but
 *                                            claim treats it as absent
 * </pre>
 * {@code version} is {@code -} when the data is unversioned, {@code ?} when its version has no text
 * form Lua can compare, otherwise a decimal integer (see {@code VersionText}).
 */
public record StoredEntry(Kind kind, long generation, long timestamp, String version, String fingerprint,
		int payloadOffset) {

	public enum Kind { VALUE, LOCK, TOMBSTONE, NOT_FOUND, LOADING }

	public static final String NO_VERSION = "-";
	public static final String OPAQUE_VERSION = "?";
	public static final String NO_FINGERPRINT = "-";

	private static final int MAX_HEADER = 512;

	/** Parses the header of raw bytes from Redis; null when they are not an entry in this format. */
	public static StoredEntry parse(byte[] raw) {
		if ( raw == null || raw.length < 5 || raw[1] != ' ' ) {
			return null;
		}
		int end = 0;
		while ( end < raw.length && raw[end] != '\n' ) {
			// printable ASCII and single spaces only, exactly the header entry.lua accepts (one reading for both)
			if ( raw[end] < ' ' || raw[end] > '~' || ( raw[end] == ' ' && ( end == 0 || raw[end - 1] == ' ' ) )
					|| ++end > MAX_HEADER ) {
				return null;
			}
		}
		if ( end == 0 || raw[end - 1] == ' ' ) {
			return null;
		}
		String[] fields = new String( raw, 0, end, StandardCharsets.US_ASCII ).split( " " );
		if ( raw[0] == 'L' && fields.length == 9 && !( exact( fields[7] ) && exact( fields[8] ) && exact( fields[6] ) ) ) {
			return null;
		}
		if ( fields.length < 3 || !exact( fields[1] ) || !exact( fields[2] ) ) {
			return null;
		}
		try {
			return switch ( raw[0] ) {
				case 'V' -> fields.length == 5 && end < raw.length
						? new StoredEntry( Kind.VALUE, Long.parseLong( fields[1] ), Long.parseLong( fields[2] ),
								fields[3], fields[4], end + 1 )
						: null;
				case 'L' -> fields.length == 9
						? new StoredEntry( Kind.LOCK, Long.parseLong( fields[1] ), Long.parseLong( fields[2] ),
								fields[3], NO_FINGERPRINT, raw.length )
						: null;
				case 'T' -> fields.length == 3
						? new StoredEntry( Kind.TOMBSTONE, Long.parseLong( fields[1] ), Long.parseLong( fields[2] ),
								NO_VERSION, NO_FINGERPRINT, raw.length )
						: null;
				case 'N' -> fields.length == 3
						? new StoredEntry( Kind.NOT_FOUND, Long.parseLong( fields[1] ), Long.parseLong( fields[2] ),
								NO_VERSION, NO_FINGERPRINT, raw.length )
						: null;
				case 'F' -> fields.length == 4
						? new StoredEntry( Kind.LOADING, Long.parseLong( fields[1] ), Long.parseLong( fields[2] ),
								NO_VERSION, NO_FINGERPRINT, raw.length )
						: null;
				default -> null;
			};
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static final long MAX_EXACT = ( 1L << 53 ) - 1;

	/** A plain decimal integer below 2^53, as Lua reads it exactly: no '+', no exponent, no other digits. */
	private static boolean exact(String field) {
		int start = field.startsWith( "-" ) ? 1 : 0;
		if ( field.length() == start || field.length() > 17 ) {
			return false;
		}
		for ( int i = start; i < field.length(); i++ ) {
			if ( field.charAt( i ) < '0' || field.charAt( i ) > '9' ) {
				return false;
			}
		}
		return Math.abs( Long.parseLong( field ) ) <= MAX_EXACT;
	}

	/** The header line of a value, as {@link #value} writes it (what a compare-and-set expects). */
	public String headerText() {
		return "V " + generation + ' ' + timestamp + ' ' + version + ' ' + fingerprint;
	}

	/** A value's header and payload. */
	public static byte[] value(long generation, long timestamp, String version, String fingerprint, byte[] payload) {
		byte[] header = ( "V " + generation + ' ' + timestamp + ' ' + version + ' ' + fingerprint + '\n' )
				.getBytes( StandardCharsets.US_ASCII );
		byte[] raw = new byte[header.length + payload.length];
		System.arraycopy( header, 0, raw, 0, header.length );
		System.arraycopy( payload, 0, raw, header.length, payload.length );
		return raw;
	}

	public static byte[] tombstone(long generation, long timestamp) {
		return ( "T " + generation + ' ' + timestamp ).getBytes( StandardCharsets.US_ASCII );
	}

	public static byte[] notFound(long generation, long timestamp) {
		return ( "N " + generation + ' ' + timestamp ).getBytes( StandardCharsets.US_ASCII );
	}
}
