package dev.redisl2.hibernate.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

import dev.redisl2.hibernate.codec.CorruptEntryException;
import dev.redisl2.hibernate.codec.UnsupportedValueException;
import dev.redisl2.hibernate.codec.ValueCodec;
import dev.redisl2.hibernate.codec.VersionText;
import dev.redisl2.hibernate.entry.StoredEntry;

/**
 * Versions in the header: decimal text that Lua compares (integers, timestamps), or, for a version only
 * the entity's own comparator can order (a {@code byte[]} row version, a custom version type),
 * {@code ?} followed by its format-1 (JSON) text in base64url, whatever the entry format (so nodes of both formats spell it alike), which Java compares before a compare-and-set.
 */
final class OpaqueVersions {

	private OpaqueVersions() {
	}

	static String text(Object version, ValueCodec codec) {
		if ( version == null ) {
			return StoredEntry.NO_VERSION;
		}
		String decimal = VersionText.encode( version );
		if ( decimal != null ) {
			return decimal;
		}
		try {
			return StoredEntry.OPAQUE_VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString( codec.encodeJson( version ) );
		}
		catch (UnsupportedValueException e) {
			return StoredEntry.NO_VERSION; // cannot be carried: treated like unversioned data (timestamps decide)
		}
	}

	/**
	 * Whether {@code newVersion} is strictly newer than the version written as {@code currentText}.
	 * Anything unreadable answers no: refusing a put is always safe.
	 */
	static boolean newer(String currentText, Object newVersion, Comparator<Object> comparator, ValueCodec codec) {
		if ( comparator == null || newVersion == null || currentText == null
				|| !currentText.startsWith( StoredEntry.OPAQUE_VERSION ) ) {
			return false;
		}
		try {
			byte[] json = Base64.getUrlDecoder().decode( currentText.substring( 1 ).getBytes( StandardCharsets.US_ASCII ) );
			Object current = codec.decodeJson( json, 0 );
			return current != null && comparator.compare( current, newVersion ) < 0;
		}
		catch (IllegalArgumentException | CorruptEntryException | ClassCastException e) {
			return false;
		}
	}
}
