package dev.redisl2.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.redisl2.support.RedisServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole harness on H2 with tiny sizes (60 rows, rounds of 60 ms): each configuration starts,
 * every workload runs without errors, and the report, CSV and chart are written.
 * It checks that the benchmark works, not how fast anything is.
 */
class BenchSmokeTest {

	@TempDir
	Path out;

	@Test
	void everyConfigurationRunsEveryWorkloadAndTheReportIsWritten() throws Exception {
		assumeTrue( RedisServerProcess.findRedisServerBinary().isPresent(), "needs a redis-server binary" );
		// one redisl2 access type is enough here (the three differ only in the provider's access classes);
		// Redisson is left to real runs, its client alone takes seconds to start
		BenchOptions options = BenchOptions.parse( "--db", "h2", "--rows", "60", "--threads", "1",
				"--configs", "none,redisl2-rw,map,jedis",
				"--warmup-ms", "20", "--round-ms", "60", "--rounds", "1", "--jit-warmup-ops", "10", "--out", out.toString() );

		assertEquals( 0, BenchMain.run( options ) );

		String csv = Files.readString( out.resolve( "results.csv" ) );
		List<String> rows = csv.lines().skip( 1 ).toList();
		for ( ContenderKind kind : options.contenders ) {
			for ( Workload workload : Workload.values() ) {
				if ( kind.runs( workload ) ) {
					String prefix = "H2," + workload.id + ",1," + kind.id + ",";
					String row = rows.stream().filter( r -> r.startsWith( prefix ) ).findFirst().orElse( null );
					assertTrue( row != null, "no result for " + prefix + " in\n" + csv );
					String[] f = row.split( ",", -1 );
					assertTrue( Long.parseLong( f[13] ) > 0, "no operation completed: " + row );
					assertEquals( "0", f[14], "errors: " + row );
				}
			}
		}
		// redisl2 serves a cached find from one MGET (client-side count, exact)
		String rw = rows.stream().filter( r -> r.startsWith( "H2,find-uniform,1,redisl2-rw," ) ).findFirst().orElseThrow();
		double clientTrips = Double.parseDouble( rw.split( "," )[12] );
		assertTrue( clientTrips >= 1.0 && clientTrips < 1.2, "round trips per find hit: " + rw );

		String md = Files.readString( out.resolve( "results.md" ) );
		assertTrue( md.contains( "## Targets of issue 8" ) );
		// issue 16's sections, for the configurations given that cache in Redis
		assertTrue( md.contains( "## Redis memory per cached entry (issue 16)" ), md );
		assertTrue( md.contains( "| entity: Item (8 attributes) | redisl2 read-write | " ), md );
		assertTrue( md.contains( "## CPU per entry: encode and decode (issue 16)" ), md );
		assertTrue( md.contains( "| redisl2 read-write | 1 |" ) );
		assertFalse( md.contains( "NaN" ) );
		// the charts are well-formed XML
		DocumentBuilderFactory.newInstance().newDocumentBuilder().parse( out.resolve( "throughput-h2.svg" ).toFile() );
		DocumentBuilderFactory.newInstance().newDocumentBuilder().parse( out.resolve( "find-hits.svg" ).toFile() );
		assertEquals( Set.of( "results.md", "results.csv", "find-hits.svg", "throughput-h2.svg" ),
				Set.copyOf( Files.list( out ).map( p -> p.getFileName().toString() ).toList() ) );
	}

	/**
	 * The hot-key run (issue 7): writes zipf.md alone, with no cache, redisl2 and redisl2 with its near cache
	 * measured, and the near cache's heap per entry.
	 */
	@Test
	void zipfRunWritesItsOwnReport() throws Exception {
		assumeTrue( RedisServerProcess.findRedisServerBinary().isPresent(), "needs a redis-server binary" );
		BenchOptions options = BenchOptions.parse( "--workload", "zipf", "--rows", "60", "--threads", "1",
				"--configs", "none,redisl2-ro,redisl2-near",
				"--warmup-ms", "20", "--round-ms", "60", "--rounds", "1", "--jit-warmup-ops", "10", "--out", out.toString() );
		assertEquals( List.of( "h2" ), options.databases );
		assertEquals( Set.of( Workload.ZIPF ), options.workloads );

		assertEquals( 0, BenchMain.run( options ) );

		assertEquals( Set.of( BenchOptions.ZIPF_REPORT ),
				Set.copyOf( Files.list( out ).map( p -> p.getFileName().toString() ).toList() ) );
		String md = Files.readString( out.resolve( BenchOptions.ZIPF_REPORT ) );
		assertTrue( md.contains( "| no L2 cache | 1 |" ), md );
		assertTrue( md.contains( "| redisl2 read-only | 1 |" ), md );
		assertTrue( md.contains( "| near cache / redisl2 without near cache | 1 |" ), md );
		assertTrue( md.contains( "--workload zipf" ), md );
		assertFalse( md.contains( "NaN" ), md );
		// the provider has its near cache: the run must measure it, not call it unavailable
		assertTrue( md.contains( "| redisl2 read-only + near cache | 1 | " ), md );
		assertFalse( md.contains( "**redisl2 read-only + near cache: not available**" ), md );
		assertTrue( md.contains( "bytes per entry**" ), md );
	}

	/**
	 * Issue 16's memory run: writes entry-memory.md and entry-memory.csv alone, with every kind measured for redisl2-rw; the
	 * storage variants are measured, or reported as not available by a provider that refuses their settings.
	 */
	@Test
	void memoryRunWritesItsOwnReport() throws Exception {
		assumeTrue( RedisServerProcess.findRedisServerBinary().isPresent(), "needs a redis-server binary" );
		BenchOptions options = BenchOptions.parse( "--workload", "memory", "--rows", "60",
				"--configs", "redisl2-rw,redisl2-f1,redisl2-compact", "--out", out.toString() );
		assertEquals( List.of( "h2" ), options.databases );

		assertEquals( 0, BenchMain.run( options ) );

		assertEquals( Set.of( BenchOptions.MEMORY_REPORT, BenchOptions.MEMORY_CSV ),
				Set.copyOf( Files.list( out ).map( p -> p.getFileName().toString() ).toList() ) );
		String md = Files.readString( out.resolve( BenchOptions.MEMORY_REPORT ) );
		assertFalse( md.contains( "NaN" ), md );
		List<String> csv = Files.readString( out.resolve( BenchOptions.MEMORY_CSV ) ).lines().skip( 1 ).toList();
		for ( EntryMemory.Kind kind : EntryMemory.Kind.values() ) {
			String prefix = "H2," + kind.name().toLowerCase( java.util.Locale.ROOT ) + ",redisl2-rw,";
			String row = csv.stream().filter( r -> r.startsWith( prefix ) ).findFirst().orElse( null );
			assertTrue( row != null, "no row " + prefix + " in\n" + md );
			String[] f = row.split( ",", -1 );
			assertTrue( Long.parseLong( f[4] ) > 0, "no entry counted: " + row );
			assertTrue( Long.parseLong( f[5] ) > 0 && Double.parseDouble( f[6] ) > 0, "no bytes: " + row );
		}
		for ( String config : List.of( "redisl2-f1", "redisl2-compact" ) ) {
			ContenderKind kind = ContenderKind.byId( config );
			assertTrue( csv.stream().anyMatch( r -> r.startsWith( "H2,item," + config + "," ) )
					|| md.contains( "**" + kind.label + ": not available**" ), config + " neither measured nor unavailable:\n" + md );
		}
		// the format-1 configuration, where it runs, writes JSON
		csv.stream().filter( r -> r.startsWith( "H2,item,redisl2-f1," ) ).forEach( r -> assertTrue( r.contains( ",1 (JSON)," ), r ) );
	}

	/** Issue 16's codec run: µs per encode and decode of each kind of entry, written to entry-codec.md alone. */
	@Test
	void codecRunWritesItsOwnReport() throws Exception {
		assumeTrue( RedisServerProcess.findRedisServerBinary().isPresent(), "needs a redis-server binary" );
		BenchOptions options = BenchOptions.parse( "--workload", "codec", "--rows", "60", "--round-ms", "10", "--out", out.toString() );

		assertEquals( 0, BenchMain.run( options ) );

		assertEquals( Set.of( BenchOptions.CODEC_REPORT ), Set.copyOf( Files.list( out ).map( p -> p.getFileName().toString() ).toList() ) );
		String md = Files.readString( out.resolve( BenchOptions.CODEC_REPORT ) );
		for ( EntryMemory.Kind kind : EntryMemory.Kind.values() ) {
			assertTrue( md.contains( "| " + kind.label + " | redisl2 read-write | " ), md );
		}
		assertFalse( md.contains( "NaN" ), md );
	}

	@Test
	void workloadAndWorkloadsTogetherAreRefused() {
		assertThrows( BenchOptions.UsageException.class, () -> BenchOptions.parse( "--workload", "zipf", "--workloads", "query" ) );
	}
}
