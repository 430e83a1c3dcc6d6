package dev.redisl2.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * One database phase: creates the schema and rows, starts every configuration side by side, fills each
 * cache, then measures each (workload, threads) cell with the rounds of all configurations interleaved
 * (round r starts at configuration r), so that a change in background load on a shared machine hits all
 * of them alike.
 */
final class Arena implements AutoCloseable {

	private static final int FILL_THREADS = 2;
	private static final long NO_CACHE_WARMUP_OPS = 3_000;

	private final BenchOptions options;
	private final Database db;
	private final Database.Dataset data;
	private final Keys zipf;
	private final Keys hot;
	private final Consumer<String> log;
	private final List<Contender> contenders = new ArrayList<>();
	private final Map<Contender, Set<String>> filled = new java.util.IdentityHashMap<>();

	Arena(BenchOptions options, Database db, Keys zipf, Keys hot, Consumer<String> log) {
		this.options = options;
		this.db = db;
		this.data = new Database.Dataset( options.rows );
		this.zipf = zipf;
		this.hot = hot;
		this.log = log;
	}

	/**
	 * Measures every cell of this database into {@code cells}; configurations that this build cannot run go
	 * into {@code unavailable} with the reason, and the near cache's heap per entry into {@code nearMemory}
	 * (once per run, when the zipf workload runs and the near cache works).
	 */
	void run(List<Cell> cells, List<MemoryNote> memory, Map<ContenderKind, String> unavailable,
			List<NearCacheMemory> nearMemory) throws Exception {
		run( cells, memory, unavailable, nearMemory, null );
	}

	/**
	 * Also measures issue 16's memory and codec sections ({@link EntryMemory}) into {@code entries}, before the
	 * throughput cells, if {@code entries} is not null and still empty (so on the first database only).
	 */
	void run(List<Cell> cells, List<MemoryNote> memory, Map<ContenderKind, String> unavailable,
			List<NearCacheMemory> nearMemory, List<EntryMemory.Result> entries) throws Exception {
		prepare();
		if ( entries != null && entries.isEmpty() && !options.memoryContenders.isEmpty() ) {
			log.accept( "  Redis memory and codec per entry: " + options.memoryContenders.stream().map( k -> k.id ).toList() );
			entries.add( EntryMemory.run( options, db, data, zipf, options.memoryContenders, true, true, log ) );
		}

		throughput( cells, memory, unavailable, nearMemory );
	}

	/** Creates the schema and inserts the rows. */
	void prepare() throws java.sql.SQLException {
		long t0 = System.nanoTime();
		Contender.createSchema( db );
		data.insert( db );
		log.accept( String.format( Locale.ROOT, "  %,d products, %,d items, %,d suppliers, %,d reviews, %,d accounts inserted (%.1f s)",
				data.rows, data.rows, data.suppliers, data.graphRows * Database.Dataset.REVIEWS_PER_PRODUCT, data.accounts, seconds( t0 ) ) );
	}

	/** Database.Dataset of this phase. */
	Database.Dataset data() {
		return data;
	}

	private void throughput(List<Cell> cells, List<MemoryNote> memory, Map<ContenderKind, String> unavailable,
			List<NearCacheMemory> nearMemory) throws Exception {
		List<ContenderKind> sessionKinds = options.contenders.stream().filter( ContenderKind::hasSessionFactory ).toList();
		for ( ContenderKind kind : options.contenders ) {
			long t1 = System.nanoTime();
			try {
				contenders.add( Contender.start( kind, db, data, zipf, hot, Math.max( 0, sessionKinds.indexOf( kind ) ), Math.max( 1, sessionKinds.size() ) ) );
				log.accept( String.format( Locale.ROOT, "  started %-18s (%.1f s)", kind.id, seconds( t1 ) ) );
			}
			catch (Contender.NotAvailableException e) {
				unavailable.putIfAbsent( kind, e.getMessage() );
				log.accept( "  NOT AVAILABLE " + kind.id + ": " + e.getMessage() );
			}
			catch (RuntimeException e) {
				log.accept( "  SKIPPED " + kind.id + ": could not start: " + e );
			}
		}

		for ( Workload workload : options.workloads ) {
			List<Contender> active = contenders.stream().filter( c -> c.kind.runs( workload ) ).toList();
			if ( active.isEmpty() ) {
				continue;
			}
			for ( Contender c : active ) {
				fill( c, workload, memory );
			}
			// each workload's own code path, warmed for the JIT before its first measured cell
			for ( Contender c : active ) {
				Measure.runOps( c.op( workload ), FILL_THREADS, Math.max( 1, options.jitWarmupOps / FILL_THREADS ), workload.ordinal() );
			}
			for ( int threads : options.threadsFor( db.id ) ) {
				cell( active, workload, threads, cells );
			}
		}

		boolean nearRan = contenders.stream().anyMatch( c -> c.kind == ContenderKind.REDISL2_NEAR );
		if ( nearRan && options.workloads.contains( Workload.ZIPF ) && nearMemory.isEmpty() ) {
			try {
				nearMemory.add( NearCacheMemory.measure( db, data, zipf, hot, log ) );
			}
			catch (RuntimeException e) {
				log.accept( "  near-cache memory not measured: " + e );
			}
		}
	}

	// ~~~~ filling the caches

	private static String fillGroup(Workload workload) {
		return switch ( workload ) {
			case FIND_UNIFORM, FIND_ZIPF, FIND_MULTIPLE, UPDATE, ZIPF -> "products";
			case GRAPH -> "graph";
			case QUERY -> "query";
			case FIND_NATURAL_CACHED, NATURAL_ID -> "accounts";
		};
	}

	private void fill(Contender c, Workload workload, List<MemoryNote> memory) throws Exception {
		String group = fillGroup( workload );
		Set<String> done = filled.computeIfAbsent( c, k -> new HashSet<>() );
		if ( !done.add( group ) ) {
			return;
		}
		long t0 = System.nanoTime();
		if ( c.kind == ContenderKind.JEDIS ) {
			c.prepareFloor( data.rows, floorValue(), zipf );
			log.accept( String.format( Locale.ROOT, "  %-18s %,d keys of %,d bytes stored (%.1f s)", c.kind.id, data.rows, floorValue().length, seconds( t0 ) ) );
			return;
		}
		long usedBefore = c.probe() != null ? c.probe().usedMemory() : 0;
		// without a cache there is nothing to fill, only the JIT to warm like the others'
		long limit = c.kind == ContenderKind.NONE ? NO_CACHE_WARMUP_OPS : Long.MAX_VALUE;
		List<Thread> threads = new ArrayList<>();
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		for ( int part = 0; part < FILL_THREADS; part++ ) {
			int p = part;
			Thread t = new Thread( () -> {
				try {
					c.ops().fill( workload, p, FILL_THREADS, limit );
				}
				catch (RuntimeException e) {
					failures.add( e );
				}
			}, "fill-" + part );
			t.start();
			threads.add( t );
		}
		for ( Thread t : threads ) {
			t.join();
		}
		if ( !failures.isEmpty() ) {
			throw new IllegalStateException( c.kind.id + " failed to fill " + group, failures.get( 0 ) );
		}
		log.accept( String.format( Locale.ROOT, "  %-18s %s %-10s (%.1f s)", c.kind.id,
				c.kind == ContenderKind.NONE ? "JIT warmed on" : "cache filled for", group, seconds( t0 ) ) );
		if ( group.equals( "products" ) && c.probe() != null ) {
			memory.add( memoryNote( c, ( c.probe().usedMemory() - usedBefore ) / (double) data.rows ) );
		}
	}

	private byte[] floorValue;

	/**
	 * Any cached product (not always product 1: redisl2 drops a load that began before the region's state was
	 * first created, so the first product each fill thread loads is not cached).
	 */
	private static final String PRODUCT_KEYS = "*{Product#*}";

	/** A value as redisl2 stores a product, so that the floor reads values of the same size. */
	private byte[] floorValue() {
		if ( floorValue == null ) {
			for ( Contender c : contenders ) {
				if ( c.kind.isRedisl2() && filled.getOrDefault( c, Set.of() ).contains( "products" ) ) {
					List<String> keys = c.probe().keys( PRODUCT_KEYS, 1 );
					if ( !keys.isEmpty() ) {
						floorValue = c.probe().jedis().get( keys.get( 0 ).getBytes( StandardCharsets.UTF_8 ) );
						break;
					}
				}
			}
			if ( floorValue == null ) {
				floorValue = "x".repeat( 300 ).getBytes( StandardCharsets.UTF_8 );
				log.accept( "  (no redisl2 configuration ran: the Jedis floor reads 300-byte values)" );
			}
		}
		return floorValue;
	}

	private MemoryNote memoryNote(Contender c, double usedPerRow) {
		Jedis jedis = c.probe().jedis();
		long valueBytes = -1;
		long entryBytes = -1;
		if ( c.kind.isRedisl2() ) {
			List<String> keys = c.probe().keys( PRODUCT_KEYS, 1 );
			if ( !keys.isEmpty() ) {
				valueBytes = jedis.strlen( keys.get( 0 ) );
				Long usage = jedis.memoryUsage( keys.get( 0 ), 0 );
				entryBytes = usage == null ? -1 : usage;
			}
		}
		else if ( c.kind == ContenderKind.REDISSON ) {
			for ( String key : c.probe().keys( "*Product*", 100 ) ) {
				if ( key.endsWith( ".Product" ) && jedis.type( key ).equals( "hash" ) ) {
					long entries = jedis.hlen( key );
					Long usage = jedis.memoryUsage( key, 0 );
					entryBytes = usage == null || entries == 0 ? -1 : usage / entries;
					ScanResult<Map.Entry<byte[], byte[]>> page = jedis.hscan( key.getBytes( StandardCharsets.UTF_8 ),
							ScanParams.SCAN_POINTER_START_BINARY );
					if ( !page.getResult().isEmpty() ) {
						valueBytes = page.getResult().get( 0 ).getValue().length;
					}
				}
			}
		}
		return new MemoryNote( db.label, c.kind, valueBytes, entryBytes, usedPerRow );
	}

	// ~~~~ measuring

	private void cell(List<Contender> active, Workload workload, int threads, List<Cell> cells) {
		int n = active.size();
		long seedBase = workload.ordinal() * 1000L + threads;
		for ( Contender c : active ) {
			Measure.Sample warm = Measure.run( c.op( workload ), threads, options.warmupMillis, seedBase );
			if ( warm.ops() == 0 && warm.firstError() != null ) {
				log.accept( "  " + c.kind.id + " fails " + workload.id + ": " + warm.firstError() );
			}
		}
		double[][] rounds = new double[n][options.rounds];
		Histogram[] latencies = new Histogram[n];
		long[] ops = new long[n];
		long[] errors = new long[n];
		long[] reads = new long[n];
		long[] commands = new long[n];
		long[] statements = new long[n];
		long[] clientTrips = new long[n];
		String[] firstError = new String[n];
		for ( int r = 0; r < options.rounds; r++ ) {
			for ( int k = 0; k < n; k++ ) {
				int i = ( k + r ) % n;
				Contender c = active.get( i );
				RedisProbe.Counters before = c.probe() != null ? c.probe().counters() : null;
				long sqlBefore = c.statements.sum();
				long tripsBefore = c.clientRoundTrips();
				Measure.Sample s = Measure.run( c.op( workload ), threads, options.roundMillis, seedBase * 100 + r );
				if ( before != null ) {
					RedisProbe.Counters after = c.probe().counters();
					reads[i] += RedisProbe.reads( before, after );
					commands[i] += RedisProbe.commands( before, after );
				}
				statements[i] += c.statements.sum() - sqlBefore;
				clientTrips[i] += c.clientRoundTrips() - tripsBefore;
				rounds[i][r] = s.opsPerSecond();
				ops[i] += s.ops();
				errors[i] += s.errors();
				if ( latencies[i] == null ) {
					latencies[i] = s.latencies();
				}
				else {
					latencies[i].add( s.latencies() );
				}
				if ( firstError[i] == null && s.firstError() != null ) {
					firstError[i] = String.valueOf( s.firstError() );
				}
			}
		}
		StringBuilder line = new StringBuilder( String.format( Locale.ROOT, "  %-13s %d thr:", workload.id, threads ) );
		for ( int i = 0; i < n; i++ ) {
			Contender c = active.get( i );
			double perOp = ops[i] == 0 ? Double.NaN : 1.0 / ( ops[i] + errors[i] );
			Cell cell = new Cell( db.label, workload, threads, c.kind, rounds[i], latencies[i], ops[i], errors[i],
					c.probe() != null ? reads[i] * perOp : Double.NaN,
					c.probe() != null ? commands[i] * perOp : Double.NaN,
					c.kind.hasSessionFactory() ? statements[i] * perOp : Double.NaN,
					c.kind.isRedisl2() ? clientTrips[i] * perOp : Double.NaN,
					firstError[i] );
			cells.add( cell );
			line.append( String.format( Locale.ROOT, "  %s %,.0f", c.kind.id, cell.opsPerSecond() ) );
			if ( errors[i] > 0 ) {
				line.append( String.format( Locale.ROOT, " (%,d errors)", errors[i] ) );
			}
		}
		log.accept( line.toString() );
	}

	private static double seconds(long since) {
		return ( System.nanoTime() - since ) / 1e9;
	}

	@Override
	public void close() {
		for ( Contender c : contenders ) {
			try {
				c.close();
			}
			catch (RuntimeException e) {
				log.accept( "  (closing " + c.kind.id + ": " + e + ")" );
			}
		}
	}
}
