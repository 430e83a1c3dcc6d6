package dev.redisl2.bench;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.redisl2.bench.model.Edition;
import dev.redisl2.hibernate.codec.Compression;
import dev.redisl2.hibernate.codec.TypeAllowList;
import dev.redisl2.hibernate.codec.ValueCodec;

import org.hibernate.cache.internal.QueryResultsCacheImpl;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.cache.spi.entry.StandardCacheEntryImpl;

/**
 * CPU per entry of encoding and decoding, format 1 against format 2, and what LZ4 does to bytes and CPU at
 * each size (issue 16). Single thread, after a warm-up; medians of 7 rounds of 0.3 s each.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.redisl2.bench.CodecCost</pre>
 */
public final class CodecCost {

	private static final List<String> NAMES = List.of( Edition.class.getName(), Edition.Format.class.getName() );

	private CodecCost() {
	}

	public static void main(String[] args) throws Exception {
		java.io.StringWriter text = new java.io.StringWriter();
		java.io.PrintWriter out = new java.io.PrintWriter( text );
		out.println( "# Encoding and decoding cost per entry" );
		out.println();
		out.printf( Locale.ROOT, "`CodecCost`, %s, one thread, medians of 7 rounds of 0.3 s after 1 s of warm-up. Load average at start: %s.%n%n",
				LocalDate.now(), loadAverage() );
		TypeAllowList allow = TypeAllowList.builtIn().withClasses( List.of( Edition.Format.class ) );
		ClassLoader loader = CodecCost.class.getClassLoader();
		ValueCodec json = new ValueCodec( allow, loader, null );
		ValueCodec plain = new ValueCodec( allow, loader, null, ValueCodec.COMPACT_FORMAT, NAMES, Compression.NONE );
		ValueCodec packed = new ValueCodec( allow, loader, null, ValueCodec.COMPACT_FORMAT, NAMES, Compression.above( 1 ) );

		out.println( "| value | format 1 bytes | format 2 bytes | format 1 encode + decode µs | format 2 encode + decode µs |" );
		out.println( "|---|---:|---:|---:|---:|" );
		for ( Object[] sample : new Object[][] {
				{ "entity (8 attributes)", entity( 42 ) },
				{ "collection (3 ids)", collection( 3 ) },
				{ "query result (5 rows, full layout)", query( 5 ) } } ) {
			Object value = sample[1];
			out.printf( Locale.ROOT, "| %s | %d | %d | %.2f | %.2f |%n", sample[0], json.encode( value ).length,
					plain.encode( value ).length, micros( json, value ), micros( plain, value ) );
		}

		out.println();
		out.println( "| value | format 2 bytes | with LZ4 | encode + decode µs | with LZ4 |" );
		out.println( "|---|---:|---:|---:|---:|" );
		for ( int n : new int[] { 10, 50, 100, 250, 500, 1000 } ) {
			Object ids = collection( n );
			out.printf( Locale.ROOT, "| collection of %d ids | %d | %d | %.2f | %.2f |%n", n, plain.encode( ids ).length,
					packed.encode( ids ).length, micros( plain, ids ), micros( packed, ids ) );
		}
		for ( int n : new int[] { 2, 5, 10, 20, 50, 100 } ) {
			Object rows = query( n );
			out.printf( Locale.ROOT, "| query result of %d rows | %d | %d | %.2f | %.2f |%n", n, plain.encode( rows ).length,
					packed.encode( rows ).length, micros( plain, rows ), micros( packed, rows ) );
		}
		out.flush();
		System.out.print( text );
		if ( !List.of( args ).contains( "--no-write" ) ) {
			java.nio.file.Path file = java.nio.file.Path.of( "benchmarks/results/codec.md" );
			java.nio.file.Files.writeString( file, text.toString() );
			System.out.println( "written: " + file );
		}
	}

	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString( java.nio.file.Path.of( "/proc/loadavg" ) ).trim().split( " " )[0];
		}
		catch (java.io.IOException | RuntimeException e) {
			return "unknown";
		}
	}

	private static double micros(ValueCodec codec, Object value) {
		byte[] encoded = codec.encode( value );
		long sink = 0;
		for ( long end = System.nanoTime() + 1_000_000_000L; System.nanoTime() < end; ) {
			sink += codec.encode( value ).length + ( codec.decode( encoded, 0 ) == null ? 0 : 1 );
		}
		double[] rounds = new double[7];
		for ( int r = 0; r < rounds.length; r++ ) {
			long ops = 0;
			long start = System.nanoTime();
			long end = start + 300_000_000L;
			long now;
			do {
				for ( int i = 0; i < 64; i++ ) {
					sink += codec.encode( value ).length + ( codec.decode( encoded, 0 ) == null ? 0 : 1 );
				}
				ops += 64;
				now = System.nanoTime();
			}
			while ( now < end );
			rounds[r] = ( now - start ) / 1000.0 / ops;
		}
		if ( sink == 42 ) {
			System.out.print( "" );
		}
		Arrays.sort( rounds );
		return rounds[rounds.length / 2];
	}

	private static Serializable[] editionState(long i) {
		Edition.Format[] formats = Edition.Format.values();
		return new Serializable[] { i % 3 == 0, String.format( "W-%06d", i ), formats[(int) ( i % 3 )], "Widget " + i + " bright",
				(int) ( 100 + i % 400 ), BigDecimal.valueOf( 100 + i % 9_900, 2 ), LocalDate.of( 2020, 1, 1 ).plusDays( i % 2000 ),
				( i - 1 ) % 200 + 1, 0L };
	}

	private static Object entity(long i) throws Exception {
		return construct( StandardCacheEntryImpl.class, new Class<?>[] { Serializable[].class, String.class, Object.class },
				editionState( i ), Edition.class.getName(), 0L );
	}

	private static Object collection(int n) throws Exception {
		Serializable[] ids = new Serializable[n];
		for ( int i = 0; i < n; i++ ) {
			ids[i] = 1_000L + i * 3L;
		}
		return construct( CollectionCacheEntry.class, new Class<?>[] { Serializable.class }, (Object) ids );
	}

	private static Object query(int n) throws Exception {
		List<Object> rows = new ArrayList<>();
		for ( long i = 1; i <= n; i++ ) {
			Serializable[] state = editionState( i );
			Object[] row = new Object[state.length + 1];
			row[0] = i;
			System.arraycopy( state, 0, row, 1, state.length );
			rows.add( row );
		}
		rows.add( n );
		Class<?> item = Class.forName( QueryResultsCacheImpl.class.getName() + "$CacheItem" );
		return construct( item, new Class<?>[] { long.class, List.class }, 1_796_490_895_494_894L, rows );
	}

	private static Object construct(Class<?> type, Class<?>[] parameters, Object... arguments) throws Exception {
		Constructor<?> constructor = type.getDeclaredConstructor( parameters );
		constructor.setAccessible( true );
		return constructor.newInstance( arguments );
	}
}
