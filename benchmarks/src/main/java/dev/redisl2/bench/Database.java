package dev.redisl2.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One database for all configurations of a phase: H2 in memory in this JVM, or a private schema in the
 * PostgreSQL at {@code --pg-url}, dropped at the end.
 */
final class Database implements AutoCloseable {

	final String id;
	final String label;
	final String url;
	final String user;
	final String password;
	final String version;
	private final String adminUrl;
	private final String schema;

	private Database(String id, String label, String url, String user, String password, String version,
			String adminUrl, String schema) {
		this.id = id;
		this.label = label;
		this.url = url;
		this.user = user;
		this.password = password;
		this.version = version;
		this.adminUrl = adminUrl;
		this.schema = schema;
	}

	static Database h2() throws SQLException {
		String url = "jdbc:h2:mem:bench-" + UUID.randomUUID().toString().substring( 0, 8 ) + ";DB_CLOSE_DELAY=-1";
		String version;
		try ( Connection c = DriverManager.getConnection( url, "sa", "" ) ) {
			version = "H2 " + c.getMetaData().getDatabaseProductVersion() + " (in memory, in this JVM)";
		}
		return new Database( "h2", "H2", url, "sa", "", version, null, null );
	}

	/** A private schema in PostgreSQL, or an exception saying why there is none. */
	static Database postgres(BenchOptions options) throws SQLException {
		List<String> users = options.pgUser != null ? List.of( options.pgUser ) : List.of( "postgres", "root" );
		SQLException last = null;
		for ( String user : users ) {
			try ( Connection c = DriverManager.getConnection( options.pgUrl, user, options.pgPassword );
					Statement s = c.createStatement() ) {
				String schema = "redisl2_bench_" + UUID.randomUUID().toString().substring( 0, 8 );
				s.execute( "create schema " + schema );
				String version;
				try ( ResultSet rs = s.executeQuery( "show server_version" ) ) {
					rs.next();
					version = "PostgreSQL " + rs.getString( 1 ) + " at " + options.pgUrl.replaceFirst( "^jdbc:postgresql://", "" )
							+ " (user " + user + ", schema " + schema + ")";
				}
				String url = options.pgUrl + ( options.pgUrl.contains( "?" ) ? "&" : "?" )
						+ "currentSchema=" + schema + "&reWriteBatchedInserts=true";
				return new Database( "pg", "PostgreSQL", url, user, options.pgPassword, version, options.pgUrl, schema );
			}
			catch (SQLException e) {
				last = e;
			}
		}
		throw last;
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection( url, user, password );
	}

	Map<String, Object> hibernateSettings() {
		Map<String, Object> settings = new HashMap<>();
		settings.put( "jakarta.persistence.jdbc.url", url );
		settings.put( "jakarta.persistence.jdbc.user", user );
		settings.put( "jakarta.persistence.jdbc.password", password );
		// Hibernate's built-in pool: the same for every configuration, enough for 8 threads
		settings.put( "hibernate.connection.pool_size", "10" );
		return settings;
	}

	@Override
	public void close() {
		try {
			if ( schema != null ) {
				try ( Connection c = DriverManager.getConnection( adminUrl, user, password );
						Statement s = c.createStatement() ) {
					s.execute( "drop schema if exists " + schema + " cascade" );
				}
			}
			else {
				try ( Connection c = connect(); Statement s = c.createStatement() ) {
					s.execute( "shutdown" );
				}
			}
		}
		catch (SQLException e) {
			System.out.println( "  (could not drop the " + label + " benchmark data: " + e.getMessage() + ")" );
		}
	}

	/**
	 * Rows of the benchmark: products, their suppliers, three reviews for each of the first products, items
	 * (issue 16's 8-attribute entity, as many as products) and accounts. The graph and natural-id workloads use
	 * fewer rows than the find workloads, so that filling their caches stays short; every id they draw is cached
	 * all the same.
	 */
	static final class Dataset {

		/** Products 1..graphRows have reviews; the graph workload draws from them. */
		static final int MAX_GRAPH_ROWS = 2_000;
		/** Accounts (natural-id workloads): their number does not change what those measure. */
		static final int MAX_ACCOUNTS = 10_000;
		static final int REVIEWS_PER_PRODUCT = 3;

		final int rows;
		final int suppliers;
		final int graphRows;
		final int accounts;

		Dataset(int rows) {
			this.rows = rows;
			this.suppliers = Math.max( 1, Math.min( 200, rows / 50 ) );
			this.graphRows = Math.min( rows, MAX_GRAPH_ROWS );
			this.accounts = Math.min( rows, MAX_ACCOUNTS );
		}

		static String sku(long id) {
			return String.format( "SKU-%08d", id );
		}

		static String email(long id) {
			return String.format( "user%08d@example.com", id );
		}

		/** Like "Widget 42 bright". */
		static String itemName(long id) {
			return "Widget " + id + " " + ADJECTIVES[(int) ( id % ADJECTIVES.length )];
		}

		/** Like "W-000042". */
		static String itemCode(long id) {
			return String.format( "W-%06d", id );
		}

		static long supplierOf(long productId, int suppliers) {
			return ( productId - 1 ) % suppliers + 1;
		}

		void insert(Database db) throws SQLException {
			try ( Connection c = db.connect() ) {
				c.setAutoCommit( false );
				batch( c, "insert into Supplier (id, name, country) values (?, ?, ?)", suppliers, (ps, i) -> {
					ps.setLong( 1, i );
					ps.setString( 2, "Supplier " + i );
					ps.setString( 3, COUNTRIES[(int) ( i % COUNTRIES.length )] );
				} );
				batch( c, "insert into Product (id, version, sku, name, description, price, stock, supplier_id) "
						+ "values (?, ?, ?, ?, ?, ?, ?, ?)", rows, (ps, i) -> {
					ps.setLong( 1, i );
					ps.setLong( 2, 0 );
					ps.setString( 3, sku( i ) );
					ps.setString( 4, "Product " + i + " " + WORDS[(int) ( i % WORDS.length )] );
					ps.setString( 5, description( i ) );
					ps.setBigDecimal( 6, java.math.BigDecimal.valueOf( 100 + i % 9_900, 2 ) );
					ps.setInt( 7, (int) ( i % 500 ) );
					ps.setLong( 8, supplierOf( i, suppliers ) );
				} );
				// issue 16's 8-attribute entity, one per product (where the schema has it: a tool mapping only
				// the other entities can still use these rows)
				if ( hasTable( c, "Item" ) ) {
					batch( c, "insert into Item (id, version, name, code, quantity, price, released, itemCondition, active, supplier_id) "
							+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, (ps, i) -> {
						ps.setLong( 1, i );
						ps.setLong( 2, 0 );
						ps.setString( 3, itemName( i ) );
						ps.setString( 4, itemCode( i ) );
						ps.setInt( 5, (int) ( i % 250 ) );
						ps.setBigDecimal( 6, java.math.BigDecimal.valueOf( 199 + i % 4_800, 2 ) );
						ps.setObject( 7, java.time.LocalDate.of( 2021, 3, 1 ).plusDays( i % 1500 ) );
						ps.setString( 8, CONDITIONS[(int) ( i % CONDITIONS.length )].name() );
						ps.setBoolean( 9, i % 4 != 0 );
						ps.setLong( 10, supplierOf( i, suppliers ) );
					} );
				}
				batch( c, "insert into Account (id, version, email, name, country, since) values (?, ?, ?, ?, ?, ?)", accounts, (ps, i) -> {
					ps.setLong( 1, i );
					ps.setLong( 2, 0 );
					ps.setString( 3, email( i ) );
					ps.setString( 4, "User " + i + " " + WORDS[(int) ( i % WORDS.length )] );
					ps.setString( 5, COUNTRIES[(int) ( i % COUNTRIES.length )] );
					ps.setObject( 6, java.time.LocalDate.of( 2020, 1, 1 ).plusDays( i % 2000 ) );
				} );
				batch( c, "insert into Review (id, product_id, rating, author, body) values (?, ?, ?, ?, ?)",
						(long) graphRows * REVIEWS_PER_PRODUCT, (ps, i) -> {
					ps.setLong( 1, i );
					ps.setLong( 2, ( i - 1 ) / REVIEWS_PER_PRODUCT + 1 );
					ps.setInt( 3, (int) ( i % 5 ) + 1 );
					ps.setString( 4, "reviewer" + ( i % 997 ) );
					ps.setString( 5, "Review " + i + ": " + WORDS[(int) ( i % WORDS.length )] + " and "
							+ WORDS[(int) ( ( i * 7 ) % WORDS.length )] + ", would buy again." );
				} );
				c.commit();
			}
		}

		private static boolean hasTable(Connection c, String name) throws SQLException {
			for ( String spelling : new String[] { name, name.toUpperCase( java.util.Locale.ROOT ), name.toLowerCase( java.util.Locale.ROOT ) } ) {
				try ( ResultSet rs = c.getMetaData().getTables( null, null, spelling, new String[] { "TABLE" } ) ) {
					while ( rs.next() ) {
						String schema = rs.getString( "TABLE_SCHEM" );
						if ( schema == null || schema.equalsIgnoreCase( c.getSchema() ) ) {
							return true;
						}
					}
				}
			}
			return false;
		}

		private static String description(long i) {
			StringBuilder text = new StringBuilder( 160 );
			for ( int w = 0; text.length() < 120; w++ ) {
				text.append( WORDS[(int) ( ( i * 31 + w * 17 ) % WORDS.length )] ).append( ' ' );
			}
			return text.toString().trim();
		}

		private interface Filler {
			void fill(java.sql.PreparedStatement ps, long i) throws SQLException;
		}

		private static void batch(Connection c, String sql, long count, Filler filler) throws SQLException {
			try ( java.sql.PreparedStatement ps = c.prepareStatement( sql ) ) {
				for ( long i = 1; i <= count; i++ ) {
					filler.fill( ps, i );
					ps.addBatch();
					if ( i % 1000 == 0 ) {
						ps.executeBatch();
					}
				}
				ps.executeBatch();
			}
			c.commit();
		}

		private static final dev.redisl2.bench.model.ItemCondition[] CONDITIONS = dev.redisl2.bench.model.ItemCondition.values();
		private static final String[] ADJECTIVES = { "bright", "matte", "large", "small", "blue", "red", "steel", "oak" };
		private static final String[] COUNTRIES = { "NL", "DE", "FR", "PL", "IT", "ES", "SE", "US", "JP", "BR" };
		private static final String[] WORDS = { "sturdy", "compact", "oak", "steel", "quiet", "portable", "classic",
				"modern", "waterproof", "ergonomic", "recycled", "handmade", "lightweight", "durable", "wireless",
				"foldable", "premium", "budget", "vintage", "smart" };
	}
}
