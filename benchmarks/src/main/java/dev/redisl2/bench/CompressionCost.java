package dev.redisl2.bench;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.redisl2.bench.model.Item;
import dev.redisl2.bench.model.ItemCondition;
import dev.redisl2.hibernate.codec.Compression;
import dev.redisl2.hibernate.codec.TypeAllowList;
import dev.redisl2.hibernate.codec.ValueCodec;

import org.hibernate.cache.internal.QueryResultsCacheImpl;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;

/**
 * What LZ4 does to format-2 bytes and CPU at each size: the measurement behind {@code compression.threshold}
 * (issue 16). One thread, after 1 s of warm-up per value; medians of 7 rounds of 0.3 s. (The benchmark's
 * {@code --workload codec} measures encoding and decoding per entry of both formats.)
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.redisl2.bench.CompressionCost [--no-write]</pre>
 */
public final class CompressionCost {

	private CompressionCost() {
	}

	public static void main(String[] args) throws Exception {
		TypeAllowList allow = TypeAllowList.builtIn().withClasses( List.of( ItemCondition.class ) );
		List<String> names = List.of( Item.class.getName(), ItemCondition.class.getName() );
		ClassLoader loader = CompressionCost.class.getClassLoader();
		ValueCodec plain = new ValueCodec( allow, loader, null, dev.redisl2.hibernate.entry.EntryFormat.COMPACT, names, Compression.NONE );
		ValueCodec packed = new ValueCodec( allow, loader, null, dev.redisl2.hibernate.entry.EntryFormat.COMPACT, names, Compression.above( 1 ) );

		StringWriter text = new StringWriter();
		PrintWriter out = new PrintWriter( text );
		out.println( "# LZ4 compression of format-2 payloads, by size" );
		out.println();
		out.printf( Locale.ROOT, "`CompressionCost`, %s, one thread, medians of 7 rounds of 0.3 s after 1 s of warm-up. "
				+ "Load average at start: %s. Encode + decode of one value, plain and with LZ4.%n%n", LocalDate.now(), loadAverage() );
		out.println( "| value | format 2 bytes | with LZ4 | encode + decode µs | with LZ4 |" );
		out.println( "|---|---:|---:|---:|---:|" );
		for ( int n : new int[] { 10, 100, 500, 1000 } ) {
			Object ids = collection( n );
			out.printf( Locale.ROOT, "| collection of %d ids | %d | %d | %.2f | %.2f |%n", n, plain.encode( ids ).length,
					packed.encode( ids ).length, micros( plain, ids ), micros( packed, ids ) );
		}
		for ( int n : new int[] { 2, 5, 10, 20, 50, 100 } ) {
			Object rows = query( n );
			out.printf( Locale.ROOT, "| query result of %d rows (Item, full layout) | %d | %d | %.2f | %.2f |%n", n, plain.encode( rows ).length,
					packed.encode( rows ).length, micros( plain, rows ), micros( packed, rows ) );
		}
		out.flush();
		System.out.print( text );
		if ( !List.of( args ).contains( "--no-write" ) ) {
			Path file = Path.of( "benchmarks/results/compression.md" );
			Files.writeString( file, text.toString() );
			System.out.println( "written: " + file );
		}
	}

	private static String loadAverage() {
		try {
			return Files.readString( Path.of( "/proc/loadavg" ) ).trim().split( " " )[0];
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
			long now;
			do {
				for ( int i = 0; i < 64; i++ ) {
					sink += codec.encode( value ).length + ( codec.decode( encoded, 0 ) == null ? 0 : 1 );
				}
				ops += 64;
				now = System.nanoTime();
			}
			while ( now < start + 300_000_000L );
			rounds[r] = ( now - start ) / 1000.0 / ops;
		}
		if ( sink == 42 ) {
			System.out.print( "" ); // keeps the work observable
		}
		Arrays.sort( rounds );
		return rounds[rounds.length / 2];
	}

	private static Object collection(int n) throws Exception {
		Serializable[] ids = new Serializable[n];
		for ( int i = 0; i < n; i++ ) {
			ids[i] = 1_000L + i * 3L;
		}
		return construct( CollectionCacheEntry.class, new Class<?>[] { Serializable.class }, (Object) ids );
	}

	/** Rows as Hibernate's full query-cache layout holds them: the id, then the entity's disassembled state. */
	private static Object query(int n) throws Exception {
		ItemCondition[] conditions = ItemCondition.values();
		List<Object> rows = new ArrayList<>();
		for ( long i = 1; i <= n; i++ ) {
			rows.add( new Object[] { i, i % 3 == 0, String.format( "W-%06d", i ), conditions[(int) ( i % conditions.length )],
					"Widget " + i + " bright", (int) ( 100 + i % 400 ), BigDecimal.valueOf( 100 + i % 9_900, 2 ),
					LocalDate.of( 2020, 1, 1 ).plusDays( i % 2000 ), ( i - 1 ) % 200 + 1, 0L } );
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
