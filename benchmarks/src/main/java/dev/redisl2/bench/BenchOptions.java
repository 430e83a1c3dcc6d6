package dev.redisl2.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options. The defaults are chosen so that a run on 2 cores finishes in under 10 minutes:
 * 10,000 rows, 1 and 8 threads on H2, 1 thread on PostgreSQL, 0.3 s of warm-up and six rounds of
 * 0.3 s per configuration and measured cell. Many short rounds, interleaved across configurations,
 * spread the background load of a shared machine more evenly than a few long ones.
 */
final class BenchOptions {

	static final String USAGE = """
			redisl2 benchmarks: Hibernate with no L2 cache, redisl2 (each access type), Redisson, an in-process
			map cache and raw Jedis GET, side by side on H2 and PostgreSQL.

			  java -jar benchmarks/target/benchmarks.jar [options]

			  --rows N              products (find workloads draw ids from 1..N)     default 10000
			                        (--rows 1000000 works; filling the caches then takes a while)
			  --threads LIST        thread counts on H2                               default 1,8
			  --pg-threads LIST     thread counts on PostgreSQL                       default 1
			  --all-threads         shorthand for --threads 1,2,8 --pg-threads 1,2,8
			  --db LIST             h2,pg                                             default h2,pg
			  --configs LIST        none,redisl2-ro,redisl2-nonstrict,redisl2-rw,redisl2-near,redisson,
			                        map,jedis,redisl2-f1,redisl2-compact,redisl2-rw-noahead
			                        default: all but the last three; the memory section:
			                        redisl2-rw,redisl2-f1,redisl2-compact,redisson (with --configs: the
			                        given ones that cache in Redis)
			                        (redisl2-near: read-only with a near cache of 10,000 entries, 60 s;
			                        redisl2-f1: read-write writing entry format 1 (entry_format=1);
			                        redisl2-compact: read-write with key_layout=compact;
			                        redisl2-rw-noahead: read-write with read_ahead=off; each reported
			                        as not available where the provider lacks it)
			  --workloads LIST      find-uniform,find-zipf,graph,query,find-nid-entity,natural-id,
			                        find-multiple,update,zipf                         default all
			                        (given, the run has no memory and codec sections)
			  --workload NAME       one workload only. --workload zipf is issue 7's hot-key run: unless
			                        given, --configs none,redisl2-ro,redisl2-near,redisson --db h2
			                        --rounds 20 --round-ms 500; writes only zipf.md (with the near
			                        cache's heap per entry) to the --out directory.
			                        --workload memory: issue 16's Redis bytes per cached entry alone (an
			                        8-attribute entity, Product, a collection, a query result; each
			                        configuration on a fresh redis-server), --db h2 unless given; writes
			                        only entry-memory.md and entry-memory.csv (about 1 min).
			                        --workload codec: µs to encode and decode one entry with each redisl2
			                        configuration's codec; writes only entry-codec.md (under a minute).
			                        The default run includes both sections, measured on the first database
			                        before the throughput cells
			  --warmup-ms N         warm-up per configuration and cell                default 300
			  --round-ms N          length of one measured round                      default 300
			  --rounds N            measured rounds per configuration and cell        default 6
			  --jit-warmup-ops N    operations of each workload per configuration
			                        before its first measurement                      default 2000
			  --zipf S              Zipf exponent of find-zipf                        default 0.99
			  --zipf-hot S          Zipf exponent of the zipf workload                default 1.0
			  --pg-url URL          default jdbc:postgresql://127.0.0.1:5432/test
			  --pg-user NAME        default: the first of postgres, root that can connect
			  --pg-password TEXT    default empty (trust authentication)
			  --out DIR             where results.md, results.csv and the SVG charts go
			                        default benchmarks/results (or ./bench-results outside the repository)
			  --no-write            print only, write no files
			""";

	int rows = 10_000;
	List<Integer> h2Threads = List.of( 1, 8 );
	List<Integer> pgThreads = List.of( 1 );
	List<String> databases = List.of( "h2", "pg" );
	Set<ContenderKind> contenders = ContenderKind.throughputDefaults();
	/** The configurations whose Redis memory per entry and codec cost are measured (issue 16). */
	Set<ContenderKind> memoryContenders = ContenderKind.memoryDefaults();
	Set<Workload> workloads = EnumSet.allOf( Workload.class );
	long warmupMillis = 300;
	long roundMillis = 300;
	int rounds = 6;
	long jitWarmupOps = 2_000;
	double zipfExponent = 0.99;
	double hotZipfExponent = 1.0;
	/** {@code --workload zipf}: the hot-key run, reported in {@code zipf.md} alone. */
	boolean zipfRun;
	/** {@code --workload memory}: Redis bytes per cached entry alone, reported in {@code entry-memory.md}. */
	boolean memoryRun;
	/** {@code --workload codec}: encode and decode µs per entry alone, reported in {@code entry-codec.md}. */
	boolean codecRun;
	String pgUrl = "jdbc:postgresql://127.0.0.1:5432/test";
	String pgUser;
	String pgPassword = "";
	Path out;
	boolean write = true;
	final List<String> given = new ArrayList<>();

	/** The file the hot-key run writes. */
	static final String ZIPF_REPORT = "zipf.md";
	/** The files the memory and codec runs write. */
	static final String MEMORY_REPORT = "entry-memory.md";
	static final String MEMORY_CSV = "entry-memory.csv";
	static final String CODEC_REPORT = "entry-codec.md";
	static final String MEMORY = "memory";
	static final String CODEC = "codec";

	static BenchOptions parse(String... args) {
		BenchOptions o = new BenchOptions();
		Set<String> explicit = new java.util.HashSet<>();
		for ( int i = 0; i < args.length; i++ ) {
			String arg = args[i];
			if ( arg.equals( "--help" ) || arg.equals( "-h" ) ) {
				throw new UsageException( null );
			}
			if ( arg.equals( "--all-threads" ) ) {
				o.h2Threads = List.of( 1, 2, 8 );
				o.pgThreads = List.of( 1, 2, 8 );
				o.given.add( arg );
				continue;
			}
			if ( arg.equals( "--no-write" ) ) {
				o.write = false;
				o.given.add( arg );
				continue;
			}
			if ( i + 1 >= args.length ) {
				throw new UsageException( "missing value after " + arg );
			}
			String value = args[++i];
			o.given.add( arg + " " + value );
			explicit.add( arg );
			switch ( arg ) {
				case "--rows" -> o.rows = positive( arg, value );
				case "--threads" -> o.h2Threads = ints( arg, value );
				case "--pg-threads" -> o.pgThreads = ints( arg, value );
				case "--db" -> o.databases = databases( value );
				case "--configs" -> o.contenders = ContenderKind.parse( value );
				case "--workloads" -> o.workloads = Workload.parse( value );
				case "--workload" -> {
					if ( value.trim().equals( MEMORY ) ) {
						o.memoryRun = true;
					}
					else if ( value.trim().equals( CODEC ) ) {
						o.codecRun = true;
					}
					else {
						Workload w = Workload.byId( value.trim() );
						o.workloads = EnumSet.of( w );
						o.zipfRun = w == Workload.ZIPF;
					}
				}
				case "--warmup-ms" -> o.warmupMillis = positive( arg, value );
				case "--round-ms" -> o.roundMillis = positive( arg, value );
				case "--rounds" -> o.rounds = positive( arg, value );
				case "--jit-warmup-ops" -> o.jitWarmupOps = positive( arg, value );
				case "--zipf" -> o.zipfExponent = exponent( arg, value );
				case "--zipf-hot" -> o.hotZipfExponent = exponent( arg, value );
				case "--pg-url" -> o.pgUrl = value;
				case "--pg-user" -> o.pgUser = value;
				case "--pg-password" -> o.pgPassword = value;
				case "--out" -> o.out = Path.of( value );
				default -> throw new UsageException( "unknown option " + arg );
			}
		}
		if ( explicit.contains( "--workload" ) && explicit.contains( "--workloads" ) ) {
			throw new UsageException( "give --workload or --workloads, not both" );
		}
		if ( o.zipfRun ) {
			// issue 7: the near cache against redisl2 without it, Redisson and no cache, in a few minutes
			if ( !explicit.contains( "--configs" ) ) {
				o.contenders = ContenderKind.parse( "none,redisl2-ro,redisl2-near,redisson" );
			}
			if ( !explicit.contains( "--db" ) ) {
				o.databases = List.of( "h2" );
			}
			if ( !explicit.contains( "--rounds" ) ) {
				o.rounds = 20;
			}
			if ( !explicit.contains( "--round-ms" ) ) {
				o.roundMillis = 500;
			}
		}
		if ( !o.memoryRun && !o.codecRun && ( explicit.contains( "--workloads" ) || explicit.contains( "--workload" ) ) ) {
			// a run of chosen workloads measures only those: no memory or codec section
			o.memoryContenders = EnumSet.noneOf( ContenderKind.class );
		}
		else if ( explicit.contains( "--configs" ) ) {
			// the memory section measures the given configurations that cache in Redis
			o.memoryContenders = EnumSet.noneOf( ContenderKind.class );
			o.contenders.stream().filter( ContenderKind::cachesInRedis ).forEach( o.memoryContenders::add );
		}
		else if ( o.codecRun ) {
			// the compact key layout does not change the codec, and Redisson's is not timed
			o.memoryContenders = EnumSet.of( ContenderKind.REDISL2_RW, ContenderKind.REDISL2_F1 );
		}
		if ( o.memoryRun && o.codecRun ) {
			throw new UsageException( "give one --workload" );
		}
		if ( ( o.memoryRun || o.codecRun ) && !explicit.contains( "--db" ) ) {
			o.databases = List.of( "h2" );
		}
		if ( o.out == null ) {
			o.out = Files.isDirectory( Path.of( "benchmarks", "src" ) ) ? Path.of( "benchmarks", "results" ) : Path.of( "bench-results" );
		}
		return o;
	}

	List<Integer> threadsFor(String database) {
		return database.equals( "pg" ) ? pgThreads : h2Threads;
	}

	/** The options as given, for the "reproduce with" line. */
	String commandLine() {
		return "java -jar benchmarks/target/benchmarks.jar" + ( given.isEmpty() ? "" : " " + String.join( " ", given ) );
	}

	private static int positive(String option, String value) {
		try {
			int n = Integer.parseInt( value.replace( "_", "" ) );
			if ( n > 0 ) {
				return n;
			}
		}
		catch (NumberFormatException ignored) {
			// reported below
		}
		throw new UsageException( option + " needs a positive integer, not '" + value + "'" );
	}

	private static double exponent(String option, String value) {
		try {
			double s = Double.parseDouble( value );
			if ( s >= 0 && s < 10 ) {
				return s;
			}
		}
		catch (NumberFormatException ignored) {
			// reported below
		}
		throw new UsageException( option + " needs a Zipf exponent from 0 to 10 (e.g. 1.0), not '" + value + "'" );
	}

	private static List<Integer> ints(String option, String value) {
		List<Integer> list = new ArrayList<>();
		for ( String part : value.split( "," ) ) {
			list.add( positive( option, part.trim() ) );
		}
		return List.copyOf( list );
	}

	private static List<String> databases(String value) {
		List<String> list = Arrays.stream( value.toLowerCase( Locale.ROOT ).split( "," ) ).map( String::trim ).toList();
		for ( String db : list ) {
			if ( !db.equals( "h2" ) && !db.equals( "pg" ) ) {
				throw new UsageException( "--db takes h2 and/or pg, not '" + db + "'" );
			}
		}
		return list;
	}

	static final class UsageException extends RuntimeException {
		UsageException(String message) {
			super( message );
		}
	}
}
