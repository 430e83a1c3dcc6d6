package dev.redisl2.hibernate.codec;

import java.io.IOException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** Character, UUID, Locale and Currency. */
final class MiscScalars {

	private MiscScalars() {
	}

	static List<ScalarType<?>> all() {
		return List.of(
				ScalarType.text( "c", Character.class, String::valueOf, MiscScalars::parseCharacter ),
				ScalarType.text( "uuid", UUID.class, UUID::toString, MiscScalars::parseUuid ),
				ScalarType.of( "loc", Locale.class, MiscScalars::writeLocale, MiscScalars::readLocale ),
				ScalarType.text( "cur", Currency.class, Currency::getCurrencyCode, Currency::getInstance )
		);
	}

	private static Character parseCharacter(String text) {
		if ( text.length() != 1 ) {
			throw Json.corrupt( "character value of length " + text.length() );
		}
		return text.charAt( 0 );
	}

	/** UUID.fromString accepts short groups ("1-1-1-1-1"); only the canonical 36-character form is ours. */
	private static UUID parseUuid(String text) {
		if ( text.length() != 36 ) {
			throw Json.corrupt( "UUID of length " + text.length() );
		}
		return UUID.fromString( text );
	}

	/**
	 * A BCP 47 tag when it restores the same Locale, which is the usual case; otherwise the legacy
	 * language/country/variant triple (e.g. {@code ja_JP_JP}, or variants that are not well-formed BCP 47).
	 * A Locale neither form restores is refused.
	 */
	@SuppressWarnings("deprecation") // Locale.of is Java 19+
	private static void writeLocale(JsonGenerator out, Locale value) throws IOException {
		String tag = value.toLanguageTag();
		if ( Locale.forLanguageTag( tag ).equals( value ) ) {
			out.writeString( tag );
			return;
		}
		if ( new Locale( value.getLanguage(), value.getCountry(), value.getVariant() ).equals( value ) ) {
			out.writeStartArray();
			out.writeString( value.getLanguage() );
			out.writeString( value.getCountry() );
			out.writeString( value.getVariant() );
			out.writeEndArray();
			return;
		}
		throw new UnsupportedValueException( "Locale that neither its language tag nor its legacy fields restore" );
	}

	@SuppressWarnings("deprecation")
	private static Locale readLocale(JsonParser in) throws IOException {
		if ( in.currentToken() == JsonToken.VALUE_STRING ) {
			return Locale.forLanguageTag( in.getText() );
		}
		Json.require( in, JsonToken.START_ARRAY );
		Json.nextPresent( in );
		String language = Json.text( in );
		Json.nextPresent( in );
		String country = Json.text( in );
		Json.nextPresent( in );
		String variant = Json.text( in );
		Json.next( in, JsonToken.END_ARRAY );
		return new Locale( language, country, variant );
	}
}
