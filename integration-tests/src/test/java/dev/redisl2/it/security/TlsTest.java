package dev.redisl2.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.it.LogCapture;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} against local redis-servers on TLS ports, with a CA and certificates made by openssl for
 * this run: the trust store and client key store settings, host name verification, and what happens when
 * trust fails (the cache is bypassed, the application runs on). No password of any kind may show up in a
 * log line or an exception message.
 */
class TlsTest {

	private static final String TRUST_PASSWORD = "trust-Secret-4711";
	private static final String KEY_PASSWORD = "key-Secret-0815";
	private static final AtomicInteger SEQ = new AtomicInteger();

	private static TlsMaterial tls;
	private static RedisServerProcess server;
	private static RedisServerProcess mutualServer;
	private static int tlsPort;
	private static int mutualTlsPort;
	private LogCapture log;

	@BeforeAll
	static void startServers() throws Exception {
		Assumptions.assumeTrue( TlsMaterial.opensslAvailable(), "openssl is not installed: TLS cannot be tested here" );
		tls = TlsMaterial.create();
		tlsPort = RedisServerProcess.findFreePort();
		server = RedisServerProcess.builder().name( "tls" ).rawArgs( tls.serverArgs( tlsPort, false ).toArray( String[]::new ) ).start();
		mutualTlsPort = RedisServerProcess.findFreePort();
		mutualServer = RedisServerProcess.builder().name( "mtls" ).rawArgs( tls.serverArgs( mutualTlsPort, true ).toArray( String[]::new ) ).start();
	}

	@AfterAll
	static void stopServers() throws Exception {
		if ( server != null ) {
			server.close();
		}
		if ( mutualServer != null ) {
			mutualServer.close();
		}
		if ( tls != null ) {
			tls.delete();
		}
	}

	@BeforeEach
	void captureLogs() {
		log = LogCapture.start();
	}

	@AfterEach
	void noSecretsLogged() {
		log.close();
		assertFalse( log.text().contains( TRUST_PASSWORD ), "the trust store password was logged" );
		assertFalse( log.text().contains( KEY_PASSWORD ), "the key store password was logged" );
	}

	@Test
	void cacheWorksOverTlsWithTheTrustStoreOfTheSettings() throws Exception {
		EntityManagerFactory emf = boot( "127.0.0.1", tlsPort, trust( false ) );
		try {
			assertCacheWorks( emf );
		}
		finally {
			emf.close();
		}
	}

	@Test
	void clientCertificateFromTheKeyStoreSettings() throws Exception {
		Map<String, Object> settings = trust( false );
		settings.put( RedisCacheSettings.TLS_KEYSTORE, tls.clientKeyStore( KEY_PASSWORD ).toString() );
		settings.put( RedisCacheSettings.TLS_KEYSTORE_PASSWORD, KEY_PASSWORD );
		EntityManagerFactory emf = boot( "127.0.0.1", mutualTlsPort, settings );
		try {
			assertCacheWorks( emf );
		}
		finally {
			emf.close();
		}
		// without the client certificate, that server refuses the handshake: bypassed, not fatal
		EntityManagerFactory without = boot( "127.0.0.1", mutualTlsPort, trust( false ) );
		try {
			assertBypassed( without );
		}
		finally {
			without.close();
		}
	}

	@Test
	void aServerCertificateFromAnotherCaIsRefusedAndTheCacheBypassed() throws Exception {
		EntityManagerFactory emf = boot( "127.0.0.1", tlsPort, trust( true ) );
		try {
			assertBypassed( emf );
			assertTrue( log.lines( "WARN", "no answer at startup" ).stream().anyMatch( line -> line.contains( "SSL" ) || line.contains( "certificat" ) ),
					"the warning says why: " + log.lines( "WARN", "redisl2" ) );
		}
		finally {
			emf.close();
		}
	}

	@Test
	void theHostNameIsVerifiedUnlessSwitchedOff() throws Exception {
		// the server certificate names IP:127.0.0.1 only, not "localhost"
		EntityManagerFactory verified = boot( "localhost", tlsPort, trust( false ) );
		try {
			assertBypassed( verified );
		}
		finally {
			verified.close();
		}
		Map<String, Object> settings = trust( false );
		settings.put( RedisCacheSettings.TLS_VERIFY_HOSTNAME, "false" );
		EntityManagerFactory unverified = boot( "localhost", tlsPort, settings );
		try {
			assertCacheWorks( unverified );
		}
		finally {
			unverified.close();
		}
	}

	@Test
	void unusableTrustStoreSettingsFailTheBootstrapNamingTheSetting() throws Exception {
		Map<String, Object> missing = trust( false );
		missing.put( RedisCacheSettings.TLS_TRUSTSTORE, tls.dir.resolve( "no-such-file.p12" ).toString() );
		assertBootstrapFails( missing, RedisCacheSettings.TLS_TRUSTSTORE );

		Map<String, Object> wrongPassword = trust( false );
		wrongPassword.put( RedisCacheSettings.TLS_TRUSTSTORE_PASSWORD, "wrong-" + TRUST_PASSWORD );
		assertBootstrapFails( wrongPassword, RedisCacheSettings.TLS_TRUSTSTORE );

		Map<String, Object> plainUrl = trust( false );
		assertBootstrapFails( plainUrl, "redis://127.0.0.1:" + server.port(), RedisCacheSettings.TLS_TRUSTSTORE );
	}

	// ---------------------------------------------------------------- helpers

	private Map<String, Object> trust(boolean rogue) throws Exception {
		Path store = tls.trustStore( rogue, TRUST_PASSWORD );
		Map<String, Object> settings = new HashMap<>();
		settings.put( RedisCacheSettings.TLS_TRUSTSTORE, store.toString() );
		settings.put( RedisCacheSettings.TLS_TRUSTSTORE_PASSWORD, TRUST_PASSWORD );
		return settings;
	}

	private static EntityManagerFactory boot(String host, int port, Map<String, Object> extra) {
		return boot( "rediss://" + host + ":" + port, extra );
	}

	private static EntityManagerFactory boot(String url, Map<String, Object> extra) {
		int n = SEQ.incrementAndGet();
		return SampleApp.entityManagerFactory( SampleApp.UNIT_SAMPLE, SampleApp.settings()
				.redisUrl( url )
				.keyPrefix( "it-tls-" + n )
				.jdbcUrl( SampleApp.h2MemUrl( "TlsTest" + n ) )
				.schemaAction( "create" )
				.setAll( extra )
				.build() );
	}

	private void assertBootstrapFails(Map<String, Object> settings, String setting) {
		assertBootstrapFails( settings, "rediss://127.0.0.1:" + tlsPort, setting );
	}

	private void assertBootstrapFails(Map<String, Object> settings, String url, String setting) {
		RuntimeException e = assertThrows( RuntimeException.class, () -> boot( url, settings ).close() );
		StringBuilder messages = new StringBuilder();
		for ( Throwable t = e; t != null; t = t.getCause() ) {
			messages.append( t.getMessage() ).append( " / " );
		}
		assertTrue( messages.toString().contains( "'" + setting + "'" ), "the failure names the setting: " + messages );
		assertFalse( messages.toString().contains( TRUST_PASSWORD ), "a password in an exception message: " + messages );
	}

	private static void assertCacheWorks(EntityManagerFactory emf) {
		RedisRegionFactory factory = factory( emf );
		assertFalse( factory.breaker().isOpen(), "the breaker should be closed over TLS" );
		long id = TwoNodes.fromTx( emf, em -> {
			Book book = new Book( "isbn-tls", "Over TLS", new BigDecimal( "1.00" ), LocalDate.of( 2020, 2, 2 ), Genre.SCIENCE, null );
			em.persist( book );
			return book.getId();
		} );
		StatsProbe probe = StatsProbe.of( emf );
		assertEquals( "Over TLS", TwoNodes.fromTx( emf, em -> em.find( Book.class, id ) ).getTitle() );
		assertEquals( 1, probe.l2Hits(), "read from Redis over TLS: " + probe );
		assertEquals( 0, factory.store().failures(), "no Redis call failed" );
	}

	private static void assertBypassed(EntityManagerFactory emf) {
		assertTrue( factory( emf ).breaker().isOpen(), "the breaker should be open" );
		long id = TwoNodes.fromTx( emf, em -> {
			Book book = new Book( "isbn-notls", "No cache", new BigDecimal( "1.00" ), LocalDate.of( 2020, 2, 2 ), Genre.SCIENCE, null );
			em.persist( book );
			return book.getId();
		} );
		assertEquals( "No cache", TwoNodes.fromTx( emf, em -> em.find( Book.class, id ) ).getTitle() );
	}

	private static RedisRegionFactory factory(EntityManagerFactory emf) {
		return (RedisRegionFactory) emf.unwrap( SessionFactoryImplementor.class ).getCache().getRegionFactory();
	}
}
