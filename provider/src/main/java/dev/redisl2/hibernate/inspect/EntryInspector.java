package dev.redisl2.hibernate.inspect;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.redisl2.hibernate.codec.CompactText;
import dev.redisl2.hibernate.codec.CorruptEntryException;
import dev.redisl2.hibernate.entry.StoredEntry;

import redis.clients.jedis.Jedis;

/**
 * Prints one cache entry as JSON:
 * <pre>
 *   java -cp redisl2-hibernate.jar:jedis.jar:… dev.redisl2.hibernate.inspect.EntryInspector \
 *       redis://127.0.0.1:6379 'redisl2:dev.acme.Book:{Book#42}' [--names dev.acme.Genre,dev.acme.Book]
 *   … EntryInspector --file entry.bin [--names …]
 * </pre>
 * Format 2 writes class and entity names as three-byte codes; {@code --names} lists candidate names so that
 * their codes print as names (unresolved codes print as {@code "#a1b2c3"}), and enum constants, stored by
 * ordinal, print by name when their enum is on the class path. Nothing else is loaded or instantiated: the
 * payload is rendered, not decoded. Read-only: one {@code GET}.
 */
public final class EntryInspector {

	private EntryInspector() {
	}

	public static void main(String[] args) throws Exception {
		System.exit( run( args, System.out, System.err ) );
	}

	public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
		Map<Integer, String> names = new HashMap<>();
		String url = null;
		String key = null;
		Path file = null;
		for ( int i = 0; i < args.length; i++ ) {
			switch ( args[i] ) {
				case "--names" -> {
					for ( String name : args[++i].split( "," ) ) {
						names.put( CompactText.codeOf( name.trim() ), name.trim() );
					}
				}
				case "--file" -> file = Path.of( args[++i] );
				default -> {
					if ( url == null && file == null ) {
						url = args[i];
					}
					else {
						key = args[i];
					}
				}
			}
		}
		byte[] raw;
		if ( file != null ) {
			raw = Files.readAllBytes( file );
		}
		else if ( url != null && key != null ) {
			try ( Jedis jedis = new Jedis( URI.create( url ) ) ) {
				raw = jedis.get( key.getBytes( StandardCharsets.UTF_8 ) );
			}
		}
		else {
			err.println( "usage: EntryInspector <redis url> <key> [--names a,b] | --file <entry bytes> [--names a,b]" );
			return 2;
		}
		if ( raw == null ) {
			err.println( "no such key: " + key );
			return 1;
		}
		out.println( describe( raw, names::get ) );
		return 0;
	}

	/** The entry as one JSON object: its header fields, and for a value its payload. */
	public static String describe(byte[] raw, java.util.function.IntFunction<String> names) {
		StoredEntry entry = StoredEntry.parse( raw );
		StringBuilder out = new StringBuilder( "{\"bytes\":" ).append( raw.length );
		if ( entry == null ) {
			return out.append( ",\"kind\":\"foreign or corrupt\"}" ).toString();
		}
		int headerEnd = entry.kind() == StoredEntry.Kind.VALUE ? entry.payloadOffset() - 1 : raw.length;
		out.append( ",\"kind\":\"" ).append( entry.kind() ).append( "\",\"header\":\"" )
				.append( new String( raw, 0, Math.min( headerEnd, 512 ), StandardCharsets.US_ASCII ) ).append( '"' );
		if ( entry.kind() == StoredEntry.Kind.VALUE ) {
			out.append( ",\"generation\":" ).append( entry.generation() )
					.append( ",\"timestamp\":" ).append( entry.timestamp() )
					.append( ",\"version\":\"" ).append( entry.version() ).append( '"' )
					.append( ",\"fingerprint\":\"" ).append( entry.fingerprint() ).append( '"' );
			out.append( ",\"format\":" ).append( CompactText.formatOf( raw, entry.payloadOffset() ) );
			try {
				String payload = CompactText.render( raw, entry.payloadOffset(), names, EntryInspector::constantName );
				out.append( ",\"payload\":" ).append( payload );
			}
			catch (CorruptEntryException | IllegalArgumentException | java.time.DateTimeException e) {
				out.append( ",\"payload\":null,\"error\":\"" ).append( e.getMessage().replace( "\"", "'" ) ).append( '"' );
			}
		}
		return out.append( '}' ).toString();
	}

	/**
	 * Format 2 stores an enum constant by ordinal; the inspector names it when the enum is on its class path.
	 * Only names the operator listed with {@code --names} (or that the entry spells out) get here.
	 */
	private static String constantName(String enumClass, int ordinal) {
		try {
			Object[] constants = Class.forName( enumClass, false, EntryInspector.class.getClassLoader() ).getEnumConstants();
			return constants != null && ordinal >= 0 && ordinal < constants.length ? ( (Enum<?>) constants[ordinal] ).name() : null;
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException e) {
			return null;
		}
	}
}
