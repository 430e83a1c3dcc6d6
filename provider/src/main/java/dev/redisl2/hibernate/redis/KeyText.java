package dev.redisl2.hibernate.redis;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Renders ids, tenant ids and names as key text that stays readable in redis-cli and is injective:
 * the characters the layout uses as separators, and braces (Redis Cluster hash tags), are
 * percent-escaped, so two different ids never produce the same key.
 */
public final class KeyText {

	private static final String RESERVED = "%{}(),~#/: \r\n\t";

	private KeyText() {
	}

	public static String escape(String text) {
		StringBuilder out = null;
		for ( int i = 0; i < text.length(); i++ ) {
			char c = text.charAt( i );
			if ( RESERVED.indexOf( c ) >= 0 || c < 0x20 ) {
				if ( out == null ) {
					out = new StringBuilder( text.length() + 8 ).append( text, 0, i );
				}
				for ( byte b : String.valueOf( c ).getBytes( StandardCharsets.UTF_8 ) ) {
					out.append( '%' ).append( HexFormat.of().withUpperCase().toHexDigits( b ) );
				}
			}
			else if ( out != null ) {
				out.append( c );
			}
		}
		return out == null ? text : out.toString();
	}

	/**
	 * Appends an id as Hibernate disassembled it: a basic value, or an {@code Object[]} for a composite
	 * id (nested for nested embeddables). Null renders as {@code ~}.
	 */
	public static void appendId(StringBuilder out, Object id) {
		if ( id == null ) {
			out.append( '~' );
		}
		else if ( id instanceof Object[] parts ) {
			out.append( '(' );
			for ( int i = 0; i < parts.length; i++ ) {
				if ( i > 0 ) {
					out.append( ',' );
				}
				appendId( out, parts[i] );
			}
			out.append( ')' );
		}
		else if ( id instanceof byte[] bytes ) {
			out.append( "0x" ).append( HexFormat.of().formatHex( bytes ) );
		}
		else if ( id instanceof Enum<?> constant ) {
			out.append( escape( constant.name() ) );
		}
		else {
			out.append( escape( id.toString() ) );
		}
	}
}
