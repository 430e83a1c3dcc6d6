package dev.redisl2.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.redisl2.support.RedisServerProcess;

/**
 * Runs every configuration side by side on H2 and on PostgreSQL and writes {@code results.md},
 * {@code results.csv} and one SVG chart per database. From the repository root:
 * <pre>
 *   mvn -q -B -pl benchmarks -am package -DskipTests &amp;&amp; java -jar benchmarks/target/benchmarks.jar
 * </pre>
 * {@code --help} lists the options.
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) throws Exception {
		if ( System.getProperty( "org.jboss.logging.provider" ) == null ) {
			System.setProperty( "org.jboss.logging.provider", "slf4j" );
		}
		BenchOptions options;
		try {
			options = BenchOptions.parse( args );
		}
		catch (BenchOptions.UsageException e) {
			if ( e.getMessage() != null ) {
				System.out.println( e.getMessage() );
				System.out.println();
			}
			System.out.print( BenchOptions.USAGE );
			System.exit( e.getMessage() == null ? 0 : 2 );
			return;
		}
		System.exit( run( options ) );
	}

	/** Runs the benchmark; returns the exit status. */
	static int run(BenchOptions options) throws Exception {
		long start = System.nanoTime();
		List<String> machine = new ArrayList<>( Machine.describe() );
		String loadBefore = Machine.loadAverage();
		System.out.println( "redisl2 benchmarks" );
		machine.forEach( line -> System.out.println( "  " + line ) );
		if ( RedisServerProcess.findRedisServerBinary().isEmpty() ) {
			System.out.println( "No redis-server binary on PATH (or -D" + RedisServerProcess.BINARY_PROPERTY + ", $"
					+ RedisServerProcess.BINARY_ENV + "): every configuration but 'none' and 'map' needs one. "
					+ "Install Redis (e.g. apt-get install redis-server) and run again." );
			return 1;
		}
		if ( options.memoryRun || options.codecRun ) {
			return entries( options, start, machine );
		}
		Keys zipf = Keys.zipf( options.rows, options.zipfExponent );
		Keys hot = options.hotZipfExponent == options.zipfExponent ? zipf : Keys.zipf( options.rows, options.hotZipfExponent );
		List<Cell> cells = new ArrayList<>();
		List<MemoryNote> memory = new ArrayList<>();
		Map<ContenderKind, String> unavailable = new EnumMap<>( ContenderKind.class );
		List<NearCacheMemory> nearMemory = new ArrayList<>();
		List<EntryMemory.Result> entries = new ArrayList<>();
		for ( String id : options.databases ) {
			Database db;
			try {
				db = id.equals( "h2" ) ? Database.h2() : Database.postgres( options );
			}
			catch (SQLException e) {
				String message = "PostgreSQL skipped: cannot connect to " + options.pgUrl + " (" + e.getMessage().lines().findFirst().orElse( "" ) + ")";
				System.out.println( message );
				machine.add( message );
				continue;
			}
			machine.add( "Database: " + db.version );
			System.out.println();
			System.out.println( db.label + ": " + db.version + ", threads " + options.threadsFor( id ) );
			try ( db; Arena arena = new Arena( options, db, zipf, hot, System.out::println ) ) {
				arena.run( cells, memory, unavailable, nearMemory, options.zipfRun ? null : entries );
			}
		}
		double minutes = ( System.nanoTime() - start ) / 60e9;
		machine.add( "Load average (1/5/15 min) at start: " + loadBefore + "; at end: " + Machine.loadAverage()
				+ " (a shared machine: other work may have run alongside)" );
		machine.add( String.format( Locale.ROOT, "Rows: %,d products; warm-up %d ms, then %d rounds of %d ms per configuration and cell, interleaved",
				options.rows, options.warmupMillis, options.rounds, options.roundMillis ) );

		if ( options.zipfRun ) {
			String markdown = new ZipfReport( cells, memory, unavailable, nearMemory, options, machine )
					.markdown( options.commandLine(), minutes );
			System.out.println();
			System.out.println( markdown );
			if ( options.write && !cells.isEmpty() ) {
				Files.createDirectories( options.out );
				write( options.out.resolve( BenchOptions.ZIPF_REPORT ), markdown );
				System.out.println( "Written to " + options.out.resolve( BenchOptions.ZIPF_REPORT ).toAbsolutePath().normalize() );
			}
			System.out.printf( Locale.ROOT, "Finished in %.1f minutes. Reproduce with:%n  mvn -q -B -pl benchmarks -am package -DskipTests && %s%n",
					minutes, options.commandLine() );
			return 0;
		}
		unavailable.forEach( (kind, why) -> machine.add( "Not available in this build: " + kind.label + " (" + why + ")" ) );
		nearMemory.forEach( m -> machine.add( "Near-cache heap per entry on " + m.db() + ": " + m.describe() ) );
		Report report = new Report( cells, memory, options, machine, notes( options ) ).withEntries( entries );
		String markdown = report.markdown( options.commandLine(), minutes );
		System.out.println();
		System.out.println( markdown );
		if ( options.write && !cells.isEmpty() ) {
			Files.createDirectories( options.out );
			write( options.out.resolve( "results.md" ), markdown );
			write( options.out.resolve( "results.csv" ), report.csv() );
			write( options.out.resolve( Report.HEADLINE_CHART ), report.headlineSvg() );
			for ( String db : report.databases() ) {
				write( options.out.resolve( Report.chartFile( db ) ), report.svg( db ) );
			}
			System.out.println( "Written to " + options.out.toAbsolutePath().normalize() + " (results.md, results.csv, "
					+ Report.HEADLINE_CHART + ", " + String.join( ", ", report.databases().stream().map( Report::chartFile ).toList() ) + ")" );
		}
		System.out.printf( Locale.ROOT, "Finished in %.1f minutes. Reproduce with:%n  mvn -q -B -pl benchmarks -am package -DskipTests && %s%n",
				minutes, options.commandLine() );
		return 0;
	}

	/**
	 * {@code --workload memory} or {@code codec}: issue 16's Redis bytes per cached entry, or the codec's µs per
	 * entry, on the first database that can be reached; writes entry-memory.md and entry-memory.csv, or entry-codec.md.
	 */
	private static int entries(BenchOptions options, long start, List<String> machine) throws Exception {
		Keys zipf = Keys.uniform( options.rows );
		EntryMemory.Result result = null;
		for ( String id : options.databases ) {
			Database db;
			try {
				db = id.equals( "h2" ) ? Database.h2() : Database.postgres( options );
			}
			catch (SQLException e) {
				System.out.println( "PostgreSQL skipped: cannot connect to " + options.pgUrl + " (" + e.getMessage().lines().findFirst().orElse( "" ) + ")" );
				continue;
			}
			machine.add( "Database: " + db.version );
			System.out.println();
			System.out.println( db.label + ": " + db.version );
			try ( db; Arena arena = new Arena( options, db, zipf, zipf, System.out::println ) ) {
				arena.prepare();
				result = EntryMemory.run( options, db, arena.data(), zipf, options.memoryContenders, options.memoryRun, options.codecRun,
						System.out::println );
			}
			break;
		}
		double minutes = ( System.nanoTime() - start ) / 60e9;
		if ( result == null ) {
			System.out.println( "No database could be reached." );
			return 1;
		}
		StringBuilder md = new StringBuilder( options.memoryRun ? "# redisl2: Redis memory per cached entry\n\n" : "# redisl2: codec cost per entry\n\n" );
		md.append( "Generated by the benchmark itself (`benchmarks/`, `dev.redisl2.bench.EntryMemory`). Reproduce from the repository root:\n\n" );
		md.append( "```\nmvn -q -B -pl benchmarks -am package -DskipTests && " ).append( options.commandLine() ).append( "\n```\n\n" );
		md.append( String.format( Locale.ROOT, "The whole run took %.1f minutes.\n\n", minutes ) );
		machine.forEach( line -> md.append( "- " ).append( line ).append( '\n' ) );
		md.append( '\n' );
		md.append( options.memoryRun ? EntryMemory.memoryMarkdown( result, "##" ) : EntryMemory.codecMarkdown( result, "##" ) );
		String markdown = md.toString();
		System.out.println();
		System.out.println( markdown );
		if ( options.write && !result.isEmpty() ) {
			Files.createDirectories( options.out );
			String file = options.memoryRun ? BenchOptions.MEMORY_REPORT : BenchOptions.CODEC_REPORT;
			write( options.out.resolve( file ), markdown );
			if ( options.memoryRun ) {
				write( options.out.resolve( BenchOptions.MEMORY_CSV ), EntryMemory.csv( result ) );
			}
			System.out.println( "Written to " + options.out.resolve( file ).toAbsolutePath().normalize() );
		}
		System.out.printf( Locale.ROOT, "Finished in %.1f minutes. Reproduce with:%n  mvn -q -B -pl benchmarks -am package -DskipTests && %s%n",
				minutes, options.commandLine() );
		return 0;
	}

	private static void write(Path file, String text) throws IOException {
		Files.writeString( file, text, StandardCharsets.UTF_8 );
	}

	private static List<String> notes(BenchOptions o) {
		return List.of(
				"Every operation opens and closes its own Hibernate session; reads run without an explicit transaction "
						+ "(a cache hit then touches no JDBC connection), the update runs in one.",
				"Caches are filled before measuring (every id of the workload read once), so the find, graph, query and "
						+ "natural-id workloads measure hits; SQL/op shows what still reached the database.",
				"All configurations of a database phase run in one JVM, each with its own SessionFactory and its own "
						+ "private redis-server; rounds are interleaved (round r starts with configuration r). One JVM also "
						+ "means the JIT sees every provider: no configuration gets a JVM to itself.",
				"Redis round trips/op = growth of the server's total_reads_processed (socket reads: one per request "
						+ "that is not pipelined with others) per operation; commands/op = growth of INFO commandstats calls, "
						+ "which counts the commands scripts run inside Redis too. The probe's own INFO calls are subtracted. "
						+ "For redisl2 the targets table also shows the provider's own client-side count.",
				"find-multiple shows Hibernate's batch path: today it looks each id up in the L2 cache one by one.",
				"update: each configuration updates its own slice of the products (id mod number of configurations), so "
						+ "configurations sharing the database never invalidate each other's cached rows; errors are "
						+ "optimistic-lock conflicts between this configuration's own threads.",
				"Redisson: org.redisson:redisson-hibernate-7 4.2.0 (RedissonRegionFactory) with Redisson's default "
						+ "configuration but the address, and the same read-write access type as redisl2-rw.",
				"Floors: 'raw Jedis GET' is one GET of a value the size of redisl2's stored product (pooled "
						+ "UnifiedJedis, 16 connections as redisl2), no Hibernate; 'in-process map' is Hibernate with a "
						+ "ConcurrentHashMap region factory storing entries by reference (session overhead alone).",
				String.format( Locale.ROOT, "Zipf exponent %.2f over %,d ids; the graph workload draws from the first %,d products "
						+ "(3 reviews each); the cached query returns %d products of one of %d suppliers; the natural-id "
						+ "workloads use %,d accounts.",
						o.zipfExponent, o.rows, new Database.Dataset( o.rows ).graphRows, HibernateOps.QUERY_LIMIT,
						new Database.Dataset( o.rows ).suppliers, new Database.Dataset( o.rows ).accounts ) );
	}
}
