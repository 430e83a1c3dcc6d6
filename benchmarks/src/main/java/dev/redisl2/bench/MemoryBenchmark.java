package dev.redisl2.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.redisl2.bench.model.Account;
import dev.redisl2.bench.model.Edition;
import dev.redisl2.bench.model.Product;
import dev.redisl2.bench.model.Review;
import dev.redisl2.bench.model.Supplier;
import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.support.RedisServerProcess;

import org.hibernate.Hibernate;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Redis bytes per cached entry, issue 16: for each configuration a fresh private redis-server and a fresh H2
 * database; then, one kind at a time, every row of that kind is cached by a find (or a collection
 * initialisation, or a cached query) in its own session, and the growth of {@code used_memory} is divided by
 * the number of entries that appeared (new keys for redisl2; new hash fields for Redisson, which keeps a region
 * in one hash). Also {@code MEMORY USAGE} of one entry (for Redisson: of the region hash over its fields) and
 * the bytes of one stored value.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.redisl2.bench.MemoryBenchmark [rows] [--no-write]</pre>
 */
public final class MemoryBenchmark {

	private static final String REDISSON_FACTORY = "org.redisson.hibernate.RedissonRegionFactory";

	/** The configurations, in report order. */
	private static final Map<String, Map<String, String>> CONFIGS = new LinkedHashMap<>();

	static {
		CONFIGS.put( "redisl2 format 1 (before)", Map.of( "hibernate.cache.redis.entry_format", "1" ) );
		CONFIGS.put( "redisl2 format 2", Map.of() );
		CONFIGS.put( "redisl2 format 2, compact keys", Map.of( "hibernate.cache.redis.key_layout", "compact" ) );
		CONFIGS.put( "Redisson 4.2.0", Map.of( "factory", REDISSON_FACTORY ) );
	}

	record Row(String kind, String config, long valueBytes, long memoryUsage, double growthPerEntry, long entries, String sample) {
	}

	/** Names the inspector prints instead of their codes. */
	private static final Map<Integer, String> NAMES = new HashMap<>();

	static {
		for ( Class<?> type : List.of( Edition.class, Edition.Format.class, Product.class, Review.class, Supplier.class ) ) {
			NAMES.put( dev.redisl2.hibernate.codec.CompactText.codeOf( type.getName() ), type.getName() );
		}
	}

	private MemoryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rows = args.length > 0 && !args[0].startsWith( "--" ) ? Integer.parseInt( args[0] ) : 10_000;
		boolean write = !List.of( args ).contains( "--no-write" );
		List<Row> results = run( rows, System.out::println );
		String report = report( results, rows );
		System.out.println( report );
		if ( write ) {
			Path out = Path.of( "benchmarks/results/memory.md" );
			Files.createDirectories( out.getParent() );
			Files.writeString( out, report, StandardCharsets.UTF_8 );
			System.out.println( "written: " + out );
		}
	}

	static List<Row> run(int rows, Consumer<String> log) throws Exception {
		List<Row> results = new ArrayList<>();
		for ( Map.Entry<String, Map<String, String>> config : CONFIGS.entrySet() ) {
			try ( RedisServerProcess redis = RedisServerProcess.builder().name( "bench-memory" ).start();
					RedisProbe probe = new RedisProbe( redis.host(), redis.port() ) ) {
				Jedis jedis = probe.jedis();
				Database db = Database.h2();
				try ( SessionFactory factory = build( db, redis, config.getValue() ) ) {
					insert( db, rows );
					int graphRows = Math.min( rows, Database.Dataset.MAX_GRAPH_ROWS );
					boolean redisson = config.getValue().containsKey( "factory" );
					String name = config.getKey();
					long t0 = System.nanoTime();
					results.add( measure( "entity (8 attributes)", name, jedis, redisson, "Edition", rows,
							id -> factory.inSession( s -> s.find( Edition.class, id ) ) ) );
					results.add( measure( "entity (Product, 120-char description)", name, jedis, redisson, "Product", rows,
							id -> factory.inSession( s -> s.find( Product.class, id ) ) ) );
					// reviews first, so that the collection phase adds nothing but the collections
					measure( "-", name, jedis, redisson, "Review", graphRows * 3, id -> factory.inSession( s -> s.find( Review.class, id ) ) );
					results.add( measure( "collection (3 ids)", name, jedis, redisson, "reviews", graphRows,
							id -> factory.inSession( s -> Hibernate.initialize( s.find( Product.class, id ).getReviews() ) ) ) );
					results.add( measure( "query result (5 ids)", name, jedis, redisson, "q", graphRows,
							id -> factory.inSession( s -> s.createQuery( "from Edition e where e.id between :a and :b order by e.id", Edition.class )
									.setParameter( "a", id ).setParameter( "b", id + 4 ).setCacheable( true ).getResultList() ) ) );
					log.accept( String.format( Locale.ROOT, "  %-32s measured in %.1f s", name, ( System.nanoTime() - t0 ) / 1e9 ) );
				}
				finally {
					db.close();
				}
			}
		}
		return results;
	}

	private static SessionFactory build(Database db, RedisServerProcess redis, Map<String, String> config) throws IOException {
		Map<String, Object> settings = new HashMap<>( db.hibernateSettings() );
		settings.put( "hibernate.hbm2ddl.auto", "create" );
		settings.put( "hibernate.cache.use_second_level_cache", "true" );
		settings.put( "hibernate.cache.use_query_cache", "true" );
		if ( config.containsKey( "factory" ) ) {
			Path yaml = Files.createTempFile( "redisson-memory-", ".yaml" );
			Files.writeString( yaml, "singleServerConfig:\n  address: \"" + redis.url() + "\"\n", StandardCharsets.UTF_8 );
			yaml.toFile().deleteOnExit();
			settings.put( "hibernate.cache.region.factory_class", REDISSON_FACTORY );
			settings.put( "hibernate.cache.redisson.config", yaml.toString() );
		}
		else {
			settings.put( "hibernate.cache.region.factory_class", RedisRegionFactory.class.getName() );
			settings.put( "hibernate.cache.redis.url", redis.url() );
			settings.putAll( config );
		}
		StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings( settings ).build();
		return new MetadataSources( registry )
				.addAnnotatedClasses( Product.class, Supplier.class, Review.class, Account.class, Edition.class )
				.buildMetadata().buildSessionFactory();
	}

	private static void insert(Database db, int rows) throws SQLException {
		new Database.Dataset( rows ).insert( db );
		Edition.Format[] formats = Edition.Format.values();
		try ( Connection c = db.connect();
				PreparedStatement ps = c.prepareStatement( "insert into Edition (id, version, name, code, pages, price, published, format, "
						+ "available, supplier_id) values (?, 0, ?, ?, ?, ?, ?, ?, ?, ?)" ) ) {
			c.setAutoCommit( false );
			for ( long i = 1; i <= rows; i++ ) {
				ps.setLong( 1, i );
				ps.setString( 2, "Widget " + i + " bright" );
				ps.setString( 3, String.format( "W-%06d", i ) );
				ps.setInt( 4, (int) ( 100 + i % 400 ) );
				ps.setBigDecimal( 5, java.math.BigDecimal.valueOf( 100 + i % 9_900, 2 ) );
				ps.setObject( 6, LocalDate.of( 2020, 1, 1 ).plusDays( i % 2000 ) );
				ps.setString( 7, formats[(int) ( i % formats.length )].name() );
				ps.setBoolean( 8, i % 3 == 0 );
				ps.setLong( 9, Database.Dataset.supplierOf( i, new Database.Dataset( rows ).suppliers ) );
				ps.addBatch();
				if ( i % 1000 == 0 ) {
					ps.executeBatch();
				}
			}
			ps.executeBatch();
			c.commit();
		}
	}

	private interface Fill {
		void fill(long id);
	}

	/** Caches ids 1..count of one kind (after one warm-up read that creates the region's state) and measures. */
	private static Row measure(String kind, String config, Jedis jedis, boolean redisson, String marker, int count, Fill fill) {
		fill.fill( count ); // the region's state key and first entry, outside the measurement
		long keysBefore = entries( jedis, redisson );
		long memoryBefore = usedMemory( jedis );
		for ( long id = 1; id < count; id++ ) {
			fill.fill( id );
		}
		long entries = entries( jedis, redisson ) - keysBefore;
		double growth = entries == 0 ? Double.NaN : ( usedMemory( jedis ) - memoryBefore ) / (double) entries;
		long valueBytes = -1;
		long usage = -1;
		String sample = null;
		if ( redisson ) {
			for ( String key : scan( jedis, "*" ) ) {
				if ( key.contains( marker.equals( "q" ) ? "query" : marker ) && jedis.type( key ).equals( "hash" ) ) {
					long fields = jedis.hlen( key );
					Long bytes = jedis.memoryUsage( key, 0 );
					usage = bytes == null || fields == 0 ? -1 : bytes / fields;
					ScanResult<Map.Entry<byte[], byte[]>> page = jedis.hscan( key.getBytes( StandardCharsets.UTF_8 ), ScanParams.SCAN_POINTER_START_BINARY );
					valueBytes = page.getResult().isEmpty() ? -1 : page.getResult().get( 0 ).getValue().length;
				}
			}
		}
		else {
			String pattern = switch ( marker ) {
				case "reviews" -> "*{Product.reviews#*";
				case "q" -> "*{q:*";
				default -> "*{" + marker + "#*";
			};
			List<String> keys = scan( jedis, pattern );
			if ( !keys.isEmpty() ) {
				byte[] raw = jedis.get( keys.get( 0 ).getBytes( StandardCharsets.UTF_8 ) );
				sample = keys.get( 0 ) + "\n" + dev.redisl2.hibernate.inspect.EntryInspector.describe( raw, NAMES::get );
				valueBytes = jedis.strlen( keys.get( 0 ) );
				Long bytes = jedis.memoryUsage( keys.get( 0 ), 0 );
				usage = bytes == null ? -1 : bytes;
			}
		}
		return new Row( kind, config, valueBytes, usage, growth, entries, sample );
	}

	/** Keys for redisl2, and hash fields for Redisson (whose regions are hashes). */
	private static long entries(Jedis jedis, boolean redisson) {
		if ( !redisson ) {
			return jedis.dbSize();
		}
		long fields = 0;
		for ( String key : scan( jedis, "*" ) ) {
			if ( jedis.type( key ).equals( "hash" ) ) {
				fields += jedis.hlen( key );
			}
		}
		return fields;
	}

	private static List<String> scan(Jedis jedis, String pattern) {
		return new RedisProbe( jedis ).keys( pattern, Integer.MAX_VALUE );
	}

	private static long usedMemory(Jedis jedis) {
		return new RedisProbe( jedis ).usedMemory();
	}

	static String report(List<Row> rows, int count) {
		StringBuilder md = new StringBuilder( "# Redis memory per cached entry\n\n" );
		md.append( String.format( Locale.ROOT, "%,d entities of each kind, %,d collections and %,d query results, on H2; each "
				+ "configuration on a fresh private redis-server (`MemoryBenchmark`, %s).%n%n", count,
				Math.min( count, Database.Dataset.MAX_GRAPH_ROWS ), Math.min( count, Database.Dataset.MAX_GRAPH_ROWS ),
				java.time.LocalDate.now() ) );
		md.append( "| kind | configuration | stored value bytes | MEMORY USAGE per entry | used_memory growth per entry | vs Redisson |\n" );
		md.append( "|---|---|---:|---:|---:|---:|\n" );
		Map<String, Double> redisson = new HashMap<>();
		for ( Row r : rows ) {
			if ( r.config().startsWith( "Redisson" ) ) {
				redisson.put( r.kind(), r.growthPerEntry() );
			}
		}
		for ( Row r : rows ) {
			Double base = redisson.get( r.kind() );
			md.append( String.format( Locale.ROOT, "| %s | %s | %,d | %,d | %,.0f | %s |%n", r.kind(), r.config(), r.valueBytes(),
					r.memoryUsage(), r.growthPerEntry(), base == null || base.isNaN() ? "—" : String.format( Locale.ROOT, "%.2f", r.growthPerEntry() / base ) ) );
		}
		md.append( "\nOne entry of each kind as stored by redisl2 format 2, printed by `EntryInspector`:\n\n```\n" );
		for ( Row r : rows ) {
			if ( r.config().equals( "redisl2 format 2" ) && r.sample() != null ) {
				md.append( r.sample() ).append( "\n\n" );
			}
		}
		md.append( "```\n" );
		md.append( "\nRedisson keeps a region in one hash (no per-key expiry in its default configuration); redisl2 keeps one key per\n"
				+ "entry with a TTL, so that every entry expires on its own and a region spreads over Cluster slots.\n" );
		return md.toString();
	}
}
