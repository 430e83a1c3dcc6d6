package dev.redisl2.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import dev.redisl2.bench.model.Item;
import dev.redisl2.hibernate.codec.ValueCodec;
import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.region.RedisDomainDataRegion;

import org.hibernate.cache.spi.Region;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Issue 16: Redis bytes per cached entry, and the CPU cost of encoding and decoding one entry. Apart from the
 * throughput runs, so that it is deterministic: each configuration gets a fresh private redis-server and a fresh
 * SessionFactory (started one at a time), and one thread caches one kind of entry after the other:
 * <ol>
 * <li>(1,000 accounts by a find, not measured: a fresh server first grows its buffers and tables);</li>
 * <li>{@link Kind#ITEM}: every {@link Item} (issue 16's 8-attribute entity) by a find;</li>
 * <li>{@link Kind#PRODUCT}: every product by a find;</li>
 * <li>(the reviews by a find, not measured, so that the next step adds only collections);</li>
 * <li>{@link Kind#COLLECTION}: the reviews of each of the graph workload's products;</li>
 * <li>{@link Kind#QUERY}: the cached query of 5 products, one result per (supplier, page).</li>
 * </ol>
 * Before each kind, one entry of it is cached outside the measurement (it creates the region's state key, and
 * Redisson's hash). Then {@code used_memory} is read, the kind is cached, {@code used_memory} is read again, and
 * the growth is divided by the entries that really appeared: for redisl2 the new keys (every key by SCAN before
 * and after, grouped by their region prefix, the largest group counted), for Redisson the growth of its region
 * hash's HLEN.
 */
final class EntryMemory {

	/** What is cached. */
	enum Kind {
		ITEM( "entity: Item (8 attributes)" ),
		PRODUCT( "entity: Product (7 attributes, 120-char text)" ),
		COLLECTION( "collection: Product.reviews (3 ids)" ),
		QUERY( "query result: 5 products" );

		final String label;

		Kind(String label) {
			this.label = label;
		}
	}

	/**
	 * One kind in one configuration: entries that appeared, bytes of one stored value, MEMORY USAGE per entry
	 * (the mean over up to {@value #USAGE_SAMPLES} keys; for Redisson the region hash over its fields), and the
	 * growth of used_memory per entry: as is, and without the growth of the connections' buffers (the figure
	 * compared).
	 */
	record Row(Kind kind, ContenderKind config, String format, long entries, long valueBytes, double memoryUsagePerEntry,
			double usedGrowthPerEntry, double growthPerEntry, String note) {
	}

	/** The median time of one encode and one decode of a stored entry's payload, by the configuration's own codec. */
	record CodecRow(Kind kind, ContenderKind config, String format, int payloadBytes, double encodeMicros, double decodeMicros) {
	}

	/** What one run measured, on which database. */
	record Result(String db, int rows, List<Row> memory, List<CodecRow> codec, Map<ContenderKind, String> unavailable,
			int codecRounds) {

		boolean isEmpty() {
			return memory.isEmpty() && codec.isEmpty() && unavailable.isEmpty();
		}
	}

	private static final int USAGE_SAMPLES = 200;
	private static final int PRIMING_ACCOUNTS = 1_000;
	private static final long SETTLE_MILLIS = 300;
	/** Rounds of the codec timing: 7, fewer (down to 3) with --rounds below 6, as in the smoke test. */
	static int codecRounds(BenchOptions options) {
		return Math.max( 3, Math.min( 7, options.rounds + 1 ) );
	}

	private static final long CODEC_ROUND_MILLIS = 100;
	/** Entries of each kind the codec run caches when it does not measure memory: it needs one sample of each. */
	private static final int CODEC_ONLY_ENTRIES = 50;

	private static volatile long sink;

	private EntryMemory() {
	}

	/**
	 * Measures {@code kinds} (those that cache in Redis) over the schema and rows already in {@code db}: memory if
	 * {@code memory}, codec times (redisl2 configurations only) if {@code codec}.
	 */
	static Result run(BenchOptions options, Database db, Database.Dataset data, Keys zipf, Set<ContenderKind> kinds,
			boolean memory, boolean codec, Consumer<String> log) {
		List<Row> rows = new ArrayList<>();
		List<CodecRow> codecRows = new ArrayList<>();
		Map<ContenderKind, String> unavailable = new LinkedHashMap<>();
		long codecRoundMillis = Math.min( CODEC_ROUND_MILLIS, options.roundMillis );
		int codecRounds = codecRounds( options );
		for ( ContenderKind kind : kinds ) {
			if ( !kind.cachesInRedis() || !memory && !kind.isRedisl2() ) {
				continue;
			}
			long t0 = System.nanoTime();
			Contender c;
			try {
				c = Contender.start( kind, db, data, zipf, zipf, 0, 1 );
			}
			catch (Contender.NotAvailableException e) {
				unavailable.put( kind, e.getMessage() );
				log.accept( "  NOT AVAILABLE " + kind.id + ": " + e.getMessage() );
				continue;
			}
			catch (RuntimeException e) {
				unavailable.put( kind, "could not start: " + Contender.rootMessage( e ) );
				log.accept( "  SKIPPED " + kind.id + ": could not start: " + e );
				continue;
			}
			try ( c ) {
				HibernateOps ops = c.ops();
				int limit = memory ? Integer.MAX_VALUE : CODEC_ONLY_ENTRIES;
				int items = Math.min( data.rows, limit );
				int graph = Math.min( data.graphRows, limit );
				int queries = Math.min( queryResults( data ), limit );
				Map<Kind, List<String>> samples = new EnumMap<>( Kind.class );
				// a fresh redis-server and client first grow their buffers, script cache and tables: not the first
				// measured kind's cost, so some accounts are cached first, unmeasured
				for ( long id = 1; id <= Math.min( data.accounts, PRIMING_ACCOUNTS ); id++ ) {
					ops.findAccount( id );
				}
				rows.add( measure( c, Kind.ITEM, items, ops::findItem, samples ) );
				// every product, also for the codec alone: the query results must find them cached, so as to add nothing else
				rows.add( measure( c, Kind.PRODUCT, data.rows, ops::find, samples ) );
				for ( long id = 1; id <= (long) graph * Database.Dataset.REVIEWS_PER_PRODUCT; id++ ) {
					ops.findReview( id );
				}
				rows.add( measure( c, Kind.COLLECTION, graph, ops::reviews, samples ) );
				rows.add( measure( c, Kind.QUERY, queries, i -> ops.queryPage( ( i - 1 ) % data.suppliers + 1,
						(int) ( ( i - 1 ) / data.suppliers ) ), samples ) );
				log.accept( String.format( Locale.ROOT, "  %-18s entries cached%s (%.1f s)", kind.id, memory ? " and measured" : "", seconds( t0 ) ) );
				if ( codec && kind.isRedisl2() ) {
					long t1 = System.nanoTime();
					ValueCodec valueCodec = codecOf( c );
					for ( Kind k : Kind.values() ) {
						List<String> keys = samples.get( k );
						if ( keys != null && !keys.isEmpty() ) {
							codecRows.add( time( c, k, valueCodec, keys.get( 0 ), codecRounds, codecRoundMillis ) );
						}
					}
					log.accept( String.format( Locale.ROOT, "  %-18s codec timed (%.1f s)", kind.id, seconds( t1 ) ) );
				}
			}
		}
		if ( !memory ) {
			rows.clear();
		}
		return new Result( db.label, data.rows, rows, codecRows, unavailable, codecRounds );
	}

	/** Query results the memory run caches: one per (supplier, page of 5), at most as many as the graph's products. */
	static int queryResults(Database.Dataset data) {
		int pages = data.rows / data.suppliers / HibernateOps.QUERY_LIMIT;
		return Math.max( 1, Math.min( data.graphRows, data.suppliers * pages ) );
	}

	// ~~~~ memory

	/** Caches ids 1..count of one kind (id {@code count} first, outside the measurement) and measures. */
	private static Row measure(Contender c, Kind kind, int count, LongConsumer fill, Map<Kind, List<String>> samples) {
		Jedis jedis = c.probe().jedis();
		boolean redisl2 = c.kind.isRedisl2();
		fill.accept( count ); // the region's state key (Redisson: its hash) and one entry, outside the measurement
		Set<String> keysBefore = new HashSet<>( scan( jedis ) );
		Map<String, Long> hashesBefore = redisl2 ? Map.of() : hashLengths( jedis );
		long[] before = memory( jedis );
		for ( long id = 1; id < count; id++ ) {
			fill.accept( id );
		}
		long[] after = memory( jedis );
		Growth growth = new Growth( after[0] - before[0], after[0] - before[0] - ( after[1] - before[1] ) );
		return redisl2 ? redisl2Row( c, kind, jedis, keysBefore, growth, samples ) : redissonRow( c, kind, jedis, hashesBefore, keysBefore, growth );
	}

	/** Growth of used_memory while caching one kind, as is and without the growth of client buffers. */
	private record Growth(long used, long withoutClients) {
	}

	/**
	 * used_memory and mem_clients_normal: the query and output buffers of the connections, which Redis grows and
	 * shrinks as they are used (by hundreds of kB with Redisson's pool of connections), whatever is cached.
	 */
	private static long[] memory(Jedis jedis) {
		// a table Redis is rehashing holds both its old and its new bucket array until the rehash completes, which
		// its cron does within a few ticks: let it complete, so that neither reading catches one half-way
		try {
			Thread.sleep( SETTLE_MILLIS );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException( e );
		}
		long used = -1;
		long clients = 0;
		for ( String line : jedis.info( "memory" ).split( "\r?\n" ) ) {
			if ( line.startsWith( "used_memory:" ) ) {
				used = Long.parseLong( line.substring( "used_memory:".length() ).trim() );
			}
			else if ( line.startsWith( "mem_clients_normal:" ) ) {
				clients = Long.parseLong( line.substring( "mem_clients_normal:".length() ).trim() );
			}
		}
		return new long[] { used, clients };
	}

	private static Row redisl2Row(Contender c, Kind kind, Jedis jedis, Set<String> before, Growth growth, Map<Kind, List<String>> samples) {
		// the new keys by region prefix (the part before the hash tag): the largest group is this kind's entries
		Map<String, List<String>> groups = new TreeMap<>();
		for ( String key : scan( jedis ) ) {
			if ( !before.contains( key ) ) {
				int brace = key.indexOf( '{' );
				groups.computeIfAbsent( brace < 0 ? key : key.substring( 0, brace ), g -> new ArrayList<>() ).add( key );
			}
		}
		List<String> entries = groups.values().stream().max( ( a, b ) -> Integer.compare( a.size(), b.size() ) ).orElse( List.of() );
		String note = "";
		if ( groups.size() > 1 ) {
			long others = groups.values().stream().filter( g -> g != entries ).mapToLong( List::size ).sum();
			note = others + " other new key(s) not counted, e.g. " + groups.values().stream().filter( g -> g != entries )
					.findFirst().map( g -> g.get( 0 ) ).orElse( "" );
		}
		if ( entries.isEmpty() ) {
			return new Row( kind, c.kind, "—", 0, -1, Double.NaN, Double.NaN, Double.NaN, "no entry was cached" );
		}
		List<String> sorted = entries.stream().sorted().toList();
		samples.put( kind, List.of( sorted.get( sorted.size() / 2 ) ) );
		byte[] raw = jedis.get( sorted.get( sorted.size() / 2 ).getBytes( StandardCharsets.UTF_8 ) );
		long usage = 0;
		int sampled = 0;
		for ( int i = 0; i < sorted.size() && sampled < USAGE_SAMPLES; i += Math.max( 1, sorted.size() / USAGE_SAMPLES ) ) {
			Long bytes = jedis.memoryUsage( sorted.get( i ), 0 );
			if ( bytes != null ) {
				usage += bytes;
				sampled++;
			}
		}
		return new Row( kind, c.kind, format( raw ), entries.size(), raw == null ? -1 : raw.length,
				sampled == 0 ? Double.NaN : usage / (double) sampled, growth.used() / (double) entries.size(),
				growth.withoutClients() / (double) entries.size(), note );
	}

	private static Row redissonRow(Contender c, Kind kind, Jedis jedis, Map<String, Long> before, Set<String> keysBefore,
			Growth growth) {
		String region = null;
		long added = 0;
		for ( Map.Entry<String, Long> hash : hashLengths( jedis ).entrySet() ) {
			long grew = hash.getValue() - before.getOrDefault( hash.getKey(), 0L );
			if ( grew > added ) {
				added = grew;
				region = hash.getKey();
			}
		}
		if ( region == null ) {
			return new Row( kind, c.kind, "—", 0, -1, Double.NaN, Double.NaN, Double.NaN, "no entry was cached" );
		}
		long fields = jedis.hlen( region );
		Long usage = jedis.memoryUsage( region, 0 );
		ScanResult<Map.Entry<byte[], byte[]>> page = jedis.hscan( region.getBytes( StandardCharsets.UTF_8 ),
				ScanParams.SCAN_POINTER_START_BINARY );
		long valueBytes = page.getResult().isEmpty() ? -1 : page.getResult().get( 0 ).getValue().length;
		return new Row( kind, c.kind, "Redisson default codec", added, valueBytes,
				usage == null || fields == 0 ? Double.NaN : usage / (double) fields, growth.used() / (double) added,
				growth.withoutClients() / (double) added,
				"hash " + region + " (" + fields + " fields)" + otherKeys( jedis, keysBefore, region ) );
	}

	/** The keys that appeared besides the region hash, with their types (Redisson's bookkeeping). */
	private static String otherKeys(Jedis jedis, Set<String> before, String region) {
		List<String> others = new ArrayList<>();
		for ( String key : scan( jedis ) ) {
			if ( !before.contains( key ) && !key.equals( region ) ) {
				others.add( key );
			}
		}
		if ( others.isEmpty() ) {
			return "";
		}
		Collections.sort( others );
		StringBuilder text = new StringBuilder( "; " + others.size() + " other new key(s), counted in the growth: " );
		for ( int i = 0; i < Math.min( 3, others.size() ); i++ ) {
			text.append( i == 0 ? "" : ", " ).append( others.get( i ) ).append( " (" ).append( jedis.type( others.get( i ) ) ).append( ")" );
		}
		return text.append( others.size() > 3 ? ", …" : "" ).toString();
	}

	/** The entry format of a stored redisl2 value: its payload is JSON (format 1) or binary (format 2). */
	static String format(byte[] raw) {
		StoredEntry entry = raw == null ? null : StoredEntry.parse( raw );
		if ( entry == null || entry.payloadOffset() >= raw.length ) {
			return "?";
		}
		return raw[entry.payloadOffset()] == '{' ? "1 (JSON)" : "2 (binary)";
	}

	private static Map<String, Long> hashLengths(Jedis jedis) {
		Map<String, Long> lengths = new HashMap<>();
		for ( String key : scan( jedis ) ) {
			if ( jedis.type( key ).equals( "hash" ) ) {
				lengths.put( key, jedis.hlen( key ) );
			}
		}
		return lengths;
	}

	private static List<String> scan(Jedis jedis) {
		List<String> found = new ArrayList<>();
		String cursor = ScanParams.SCAN_POINTER_START;
		ScanParams params = new ScanParams().count( 1000 );
		do {
			ScanResult<String> page = jedis.scan( cursor, params );
			found.addAll( page.getResult() );
			cursor = page.getCursor();
		}
		while ( !cursor.equals( ScanParams.SCAN_POINTER_START ) );
		return found;
	}

	// ~~~~ codec

	/** The codec the configuration's provider uses (one per SessionFactory), as its regions reach it. */
	private static ValueCodec codecOf(Contender c) {
		SessionFactoryImplementor factory = c.sessionFactory().unwrap( SessionFactoryImplementor.class );
		Region region = factory.getCache().getRegion( Item.class.getName() );
		if ( !( region instanceof RedisDomainDataRegion redis ) ) {
			throw new IllegalStateException( "region " + Item.class.getName() + " is a " + region );
		}
		return redis.storage().context().codecs().codec( factory );
	}

	/**
	 * Decodes the stored payload of {@code key} once, then times encoding that value and decoding the payload:
	 * a warm-up, then {@code rounds} rounds of {@code roundMillis} each, the median per operation.
	 */
	private static CodecRow time(Contender c, Kind kind, ValueCodec codec, String key, int rounds, long roundMillis) {
		byte[] raw = c.probe().jedis().get( key.getBytes( StandardCharsets.UTF_8 ) );
		StoredEntry entry = StoredEntry.parse( raw );
		Object value = codec.decode( raw, entry.payloadOffset() );
		byte[] payload = codec.encode( value );
		if ( payload.length != raw.length - entry.payloadOffset() ) {
			throw new IllegalStateException( "re-encoding " + key + " gave " + payload.length + " bytes, not "
					+ ( raw.length - entry.payloadOffset() ) );
		}
		roundMicros( () -> codec.encode( value ).length, 3 * roundMillis );
		roundMicros( () -> codec.decode( payload, 0 ).hashCode(), 3 * roundMillis );
		double[] encode = new double[rounds];
		double[] decode = new double[rounds];
		for ( int r = 0; r < rounds; r++ ) {
			encode[r] = roundMicros( () -> codec.encode( value ).length, roundMillis );
			decode[r] = roundMicros( () -> codec.decode( payload, 0 ).hashCode(), roundMillis );
		}
		return new CodecRow( kind, c.kind, format( raw ), payload.length, median( encode ), median( decode ) );
	}

	private interface Work {
		long run();
	}

	/** Runs {@code work} for about {@code millis}; returns µs per run. */
	private static double roundMicros(Work work, long millis) {
		long deadline = System.nanoTime() + millis * 1_000_000;
		long start = System.nanoTime();
		long n = 0;
		long sum = 0;
		long now;
		do {
			for ( int i = 0; i < 100; i++ ) {
				sum += work.run();
			}
			n += 100;
			now = System.nanoTime();
		}
		while ( now < deadline );
		sink += sum;
		return ( now - start ) / 1e3 / n;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort( sorted );
		return sorted[sorted.length / 2];
	}

	private static double seconds(long since) {
		return ( System.nanoTime() - since ) / 1e9;
	}

	// ~~~~ report

	/** The memory tables of issue 16, Markdown. */
	static String memoryMarkdown(Result r, String heading) {
		StringBuilder md = new StringBuilder();
		md.append( heading ).append( " Redis memory per cached entry (issue 16)\n\n" );
		md.append( String.format( Locale.ROOT, "On %s, %,d rows. Each configuration on a fresh private redis-server; one thread "
				+ "caches one kind after the other (accounts and reviews unmeasured; items, products, collections, query "
				+ "results), "
				+ "one entry of each kind first, outside the measurement (it creates the region's state key, or Redisson's "
				+ "hash). Entries = what appeared: new keys for redisl2 (SCAN before and after), new fields of the region "
				+ "hash for Redisson (HLEN). used_memory growth = growth of INFO memory used_memory while caching that kind, "
				+ "per entry; the figure compared (and the target's) leaves out the growth of mem_clients_normal, the "
				+ "connections' query and output buffers, which Redis grows and shrinks by up to hundreds of kB whatever is "
				+ "cached (Redisson keeps a pool of connections). MEMORY USAGE per entry: the mean of MEMORY USAGE over up "
				+ "to %d of the new keys; Redisson keeps a region in one hash: its MEMORY USAGE / HLEN. Stored value bytes: "
				+ "one value (STRLEN, header included; for Redisson one hash field's value). The query results are the "
				+ "cached query of 5 products of a supplier, one result per (supplier, page of 5).%n%n",
				r.db(), r.rows(), USAGE_SAMPLES ) );
		md.append( "| kind | configuration | entry format | entries | stored value bytes | MEMORY USAGE per entry "
				+ "| used_memory growth per entry | without client buffers | vs Redisson |\n" );
		md.append( "|---|---|---|---:|---:|---:|---:|---:|---:|\n" );
		for ( Kind kind : Kind.values() ) {
			Double redisson = redissonGrowth( r, kind );
			for ( Row row : r.memory() ) {
				if ( row.kind() != kind ) {
					continue;
				}
				md.append( String.format( Locale.ROOT, "| %s | %s | %s | %,d | %s | %s | %s | %s | %s |\n", kind.label, row.config().label,
						row.format(), row.entries(), row.valueBytes() < 0 ? "—" : String.format( Locale.ROOT, "%,d", row.valueBytes() ),
						bytes( row.memoryUsagePerEntry() ), bytes( row.usedGrowthPerEntry() ), bytes( row.growthPerEntry() ),
						redisson == null ? "—" : String.format( Locale.ROOT, "%.2f", row.growthPerEntry() / redisson ) ) );
			}
		}
		List<String> ratios = new ArrayList<>();
		for ( Kind kind : Kind.values() ) {
			Double redisson = redissonGrowth( r, kind );
			for ( Row row : r.memory() ) {
				if ( row.kind() == kind && row.config().isRedisl2() && redisson != null && !Double.isNaN( row.growthPerEntry() ) ) {
					double ratio = row.growthPerEntry() / redisson;
					ratios.add( String.format( Locale.ROOT, "| %s | %s / Redisson | %s | %s | %.2f | %s |", kind.label, row.config().id,
							bytes( row.growthPerEntry() ), bytes( redisson ), ratio, ratio <= 0.5 ? "yes" : "**no**" ) );
				}
			}
		}
		if ( !ratios.isEmpty() ) {
			md.append( "\nredisl2 / Redisson: used_memory growth per cached entry without client buffers (issue 16's target: "
					+ "at most half of Redisson's)\n\n" );
			md.append( "| kind | ratio of | redisl2 bytes | Redisson bytes | redisl2 / Redisson | ≤ 0.5 |\n|---|---|---:|---:|---:|---|\n" );
			ratios.forEach( line -> md.append( line ).append( '\n' ) );
		}
		List<String> notes = r.memory().stream().filter( row -> !row.note().isEmpty() )
				.map( row -> row.kind().label + ", " + row.config().id + ": " + row.note() ).toList();
		if ( !notes.isEmpty() || !r.unavailable().isEmpty() ) {
			md.append( '\n' );
			r.unavailable().forEach( (k, why) -> md.append( "- **" ).append( k.label ).append( ": not available** (" ).append( why ).append( ")\n" ) );
			notes.forEach( n -> md.append( "- " ).append( n ).append( '\n' ) );
		}
		md.append( '\n' );
		return md.toString();
	}

	/** The codec table, Markdown. */
	static String codecMarkdown(Result r, String heading) {
		StringBuilder md = new StringBuilder();
		md.append( heading ).append( " CPU per entry: encode and decode (issue 16)\n\n" );
		md.append( String.format( Locale.ROOT, "The codec of each redisl2 configuration (as its regions use it) on the payload of "
				+ "one stored entry (without the entry header): encode the decoded value, decode the payload. One thread, "
				+ "a warm-up, then the median of %d rounds of up to %d ms; µs per operation.%n%n", r.codecRounds(), CODEC_ROUND_MILLIS ) );
		md.append( "| kind | configuration | entry format | payload bytes | encode µs | decode µs | encode + decode µs |\n" );
		md.append( "|---|---|---|---:|---:|---:|---:|\n" );
		for ( Kind kind : Kind.values() ) {
			for ( CodecRow row : r.codec() ) {
				if ( row.kind() == kind ) {
					md.append( String.format( Locale.ROOT, "| %s | %s | %s | %,d | %.2f | %.2f | %.2f |\n", kind.label, row.config().label,
							row.format(), row.payloadBytes(), row.encodeMicros(), row.decodeMicros(), row.encodeMicros() + row.decodeMicros() ) );
				}
			}
		}
		if ( !r.unavailable().isEmpty() ) {
			md.append( '\n' );
			r.unavailable().forEach( (k, why) -> md.append( "- **" ).append( k.label ).append( ": not available** (" ).append( why ).append( ")\n" ) );
		}
		md.append( '\n' );
		return md.toString();
	}

	private static Double redissonGrowth(Result r, Kind kind) {
		return r.memory().stream().filter( row -> row.kind() == kind && row.config() == ContenderKind.REDISSON
				&& !Double.isNaN( row.growthPerEntry() ) && row.growthPerEntry() > 0 ).map( Row::growthPerEntry ).findFirst().orElse( null );
	}

	private static String bytes(double v) {
		return Double.isNaN( v ) ? "—" : String.format( Locale.ROOT, "%,.0f", v );
	}

	/** CSV of the memory rows. */
	static String csv(Result r) {
		StringBuilder csv = new StringBuilder( "db,kind,configuration,entry_format,entries,value_bytes,memory_usage_per_entry,"
				+ "used_memory_growth_per_entry,growth_without_client_buffers_per_entry\n" );
		for ( Row row : r.memory() ) {
			csv.append( String.format( Locale.ROOT, "%s,%s,%s,%s,%d,%d,%.1f,%.1f,%.1f\n", r.db(), row.kind().name().toLowerCase( Locale.ROOT ),
					row.config().id, row.format(), row.entries(), row.valueBytes(), row.memoryUsagePerEntry(), row.usedGrowthPerEntry(),
					row.growthPerEntry() ) );
		}
		return csv.toString().replace( "NaN", "" );
	}
}
