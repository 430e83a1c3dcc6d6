package dev.redisl2.it.nativequery;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import dev.redisl2.sample.SampleApp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link NativeQueryCacheCases} on the PostgreSQL at 127.0.0.1:5432 (trust auth, database {@code test}), in a
 * schema of its own that is dropped afterwards. Skipped, saying why, when that server does not answer.
 */
class PostgresNativeQueryCacheTest extends NativeQueryCacheCases {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
	private static final String USER = "postgres";
	private static final String SCHEMA = "redisl2_native_" + UUID.randomUUID().toString().replace( "-", "" ).substring( 0, 12 );

	@BeforeAll
	static void createSchema() {
		try ( Connection c = DriverManager.getConnection( URL + "?connectTimeout=3", USER, "" );
				Statement st = c.createStatement() ) {
			st.execute( "create schema " + SCHEMA );
		}
		catch (SQLException e) {
			Assumptions.abort( "PostgreSQL at 127.0.0.1:5432 (database test, user postgres) is unreachable, so the "
					+ "PostgreSQL variant of the native query cache test is skipped: " + e.getMessage() );
		}
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		try ( Connection c = DriverManager.getConnection( URL, USER, "" );
				Statement st = c.createStatement() ) {
			st.execute( "drop schema if exists " + SCHEMA + " cascade" );
		}
		catch (SQLException e) {
			// unreachable: nothing was created
		}
	}

	@Override
	protected Map<String, Object> database(String testName) {
		return Map.of(
				"jakarta.persistence.jdbc.driver", "org.postgresql.Driver",
				SampleApp.JDBC_URL, URL + "?currentSchema=" + SCHEMA,
				"jakarta.persistence.jdbc.user", USER,
				"jakarta.persistence.jdbc.password", "",
				"hibernate.default_schema", SCHEMA );
	}
}
