package dev.redisl2.hibernate.config;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.redisl2.hibernate.RedisCacheSettings;

import org.junit.jupiter.api.Test;

class SettingsReaderTest {

	private static ProviderSettings read(String... pairs) {
		Map<String, Object> raw = new HashMap<>();
		for ( int i = 0; i < pairs.length; i += 2 ) {
			raw.put( pairs[i], pairs[i + 1] );
		}
		return SettingsReader.read( raw );
	}

	private static void assertRejected(String setting, String... pairs) {
		InvalidSettingException e = assertThrows( InvalidSettingException.class, () -> read( pairs ) );
		assertTrue( e.getMessage().contains( "'" + setting + "'" ), e.getMessage() );
	}

	@Test
	void defaults_areDocumentedValues() {
		ProviderSettings s = read();
		assertEquals( Topology.Kind.STANDALONE, s.topology().kind() );
		assertEquals( "redis://127.0.0.1:6379", s.topology().url().toString() );
		assertEquals( "redisl2", s.keyPrefix() );
		assertEquals( 16, s.poolMaxTotal() );
		assertEquals( Duration.ofMillis( 1000 ), s.connectTimeout() );
		assertEquals( Duration.ofMillis( 500 ), s.socketTimeout() );
		assertEquals( Duration.ofHours( 1 ), s.defaultTtl() );
		assertEquals( 0.1, s.ttlJitter() );
		assertEquals( Duration.ofSeconds( 60 ), s.lockTimeout() );
		assertEquals( Duration.ofSeconds( 60 ), s.tombstoneTtl() );
		assertEquals( Duration.ZERO, s.defaultNegativeTtl() );
		assertEquals( Duration.ofSeconds( 30 ), s.clockSyncInterval() );
		assertNull( s.externalClient() );
		assertEquals( 3, s.breaker().failureThreshold() );
		assertEquals( Duration.ofMillis( 500 ), s.breaker().probeInterval() );
		assertEquals( 10_000, s.breaker().backlogSize() );
		assertNull( s.security().password() );
		assertNull( s.security().trustStore() );
		assertTrue( s.security().verifyHostname() );
	}

	@Test
	void breakerSettings_areValidatedNamingTheSetting() {
		ProviderSettings s = read( RedisCacheSettings.BREAKER_FAILURE_THRESHOLD, "5",
				RedisCacheSettings.BREAKER_PROBE_INTERVAL, "250ms",
				RedisCacheSettings.BREAKER_BACKLOG_SIZE, "0" );
		assertEquals( 5, s.breaker().failureThreshold() );
		assertEquals( Duration.ofMillis( 250 ), s.breaker().probeInterval() );
		assertEquals( 0, s.breaker().backlogSize() );
		assertRejected( RedisCacheSettings.BREAKER_FAILURE_THRESHOLD, RedisCacheSettings.BREAKER_FAILURE_THRESHOLD, "0" );
		assertRejected( RedisCacheSettings.BREAKER_PROBE_INTERVAL, RedisCacheSettings.BREAKER_PROBE_INTERVAL, "0" );
		assertRejected( RedisCacheSettings.BREAKER_PROBE_INTERVAL, RedisCacheSettings.BREAKER_PROBE_INTERVAL, "soon" );
		assertRejected( RedisCacheSettings.BREAKER_BACKLOG_SIZE, RedisCacheSettings.BREAKER_BACKLOG_SIZE, "-1" );
	}

	@Test
	void credentials_fromTheSettingsWinOverTheUrl_andAreNeverPrinted() {
		ProviderSettings fromUrl = read( RedisCacheSettings.URL, "redis://app:url-s3cret@host:6379" );
		assertEquals( "app", fromUrl.security().user() );
		assertEquals( "url-s3cret", fromUrl.security().password() );
		ProviderSettings fromSettings = read( RedisCacheSettings.URL, "redis://app:url-s3cret@host:6379",
				RedisCacheSettings.USER, "other", RedisCacheSettings.PASSWORD, "set-s3cret" );
		assertEquals( "other", fromSettings.security().user() );
		assertEquals( "set-s3cret", fromSettings.security().password() );
		assertFalse( fromSettings.toString().contains( "s3cret" ), fromSettings.toString() );
		assertFalse( fromUrl.toString().contains( "s3cret" ), fromUrl.toString() );
		assertRejected( RedisCacheSettings.USER, RedisCacheSettings.USER, "lonely" );
	}

	@Test
	void tlsSettings_needRedissAndReadableFiles() throws Exception {
		java.nio.file.Path store = java.nio.file.Files.createTempFile( "trust", ".p12" );
		try {
			assertRejected( RedisCacheSettings.TLS_TRUSTSTORE, RedisCacheSettings.TLS_TRUSTSTORE, store.toString() );
			ProviderSettings s = read( RedisCacheSettings.URL, "rediss://host:6380", RedisCacheSettings.TLS_TRUSTSTORE, store.toString(),
					RedisCacheSettings.TLS_TRUSTSTORE_PASSWORD, "tls-s3cret", RedisCacheSettings.TLS_TRUSTSTORE_TYPE, "JKS" );
			assertEquals( store, s.security().trustStore() );
			assertEquals( "JKS", s.security().trustStoreType() );
			assertFalse( s.toString().contains( "tls-s3cret" ) );
			assertRejected( RedisCacheSettings.TLS_TRUSTSTORE, RedisCacheSettings.URL, "rediss://host:6380",
					RedisCacheSettings.TLS_TRUSTSTORE, store + ".missing" );
			assertRejected( RedisCacheSettings.TLS_TRUSTSTORE_TYPE, RedisCacheSettings.URL, "rediss://host:6380",
					RedisCacheSettings.TLS_TRUSTSTORE_TYPE, "PEM-ish" );
			assertRejected( RedisCacheSettings.TLS_VERIFY_HOSTNAME, RedisCacheSettings.TLS_VERIFY_HOSTNAME, "maybe" );
		}
		finally {
			java.nio.file.Files.delete( store );
		}
	}

	@Test
	void durations_plainNumbersAreSeconds_unitsAreExplicit() {
		ProviderSettings s = read( RedisCacheSettings.TTL, "90",
				RedisCacheSettings.LOCK_TIMEOUT, "500ms",
				RedisCacheSettings.TOMBSTONE_TTL, "2m",
				RedisCacheSettings.REGION_PREFIX + "books.ttl", "1h",
				RedisCacheSettings.REGION_PREFIX + "books.negative_ttl", "5s" );
		assertEquals( Duration.ofSeconds( 90 ), s.defaultTtl() );
		assertEquals( Duration.ofMillis( 500 ), s.lockTimeout() );
		assertEquals( Duration.ofMinutes( 2 ), s.tombstoneTtl() );
		assertEquals( Duration.ofHours( 1 ), s.ttlFor( "books" ) );
		assertEquals( Duration.ofSeconds( 90 ), s.ttlFor( "other" ) );
		assertEquals( Duration.ofSeconds( 5 ), s.negativeTtlFor( "books" ) );
	}

	@Test
	void storageSettings_defaultToFormatTwoFullKeysAndLz4From512Bytes_andRefuseOtherValuesNamingTheSetting() {
		StorageSettings defaults = read().storage();
		assertEquals( 2, defaults.entryFormat() );
		assertEquals( 512, defaults.compressionThreshold() );
		assertFalse( defaults.compactKeys() );
		assertTrue( read().adaptiveReadAhead() );
		StorageSettings set = read( RedisCacheSettings.ENTRY_FORMAT, "1", RedisCacheSettings.KEY_LAYOUT, "COMPACT",
				RedisCacheSettings.COMPRESSION_THRESHOLD, "0" ).storage();
		assertEquals( new StorageSettings( 1, 0, true ), set );
		assertFalse( read( RedisCacheSettings.READ_AHEAD, "off" ).adaptiveReadAhead() );
		assertRejected( RedisCacheSettings.ENTRY_FORMAT, RedisCacheSettings.ENTRY_FORMAT, "3" );
		assertRejected( RedisCacheSettings.KEY_LAYOUT, RedisCacheSettings.KEY_LAYOUT, "short" );
		assertRejected( RedisCacheSettings.COMPRESSION_THRESHOLD, RedisCacheSettings.COMPRESSION_THRESHOLD, "-1" );
		assertRejected( RedisCacheSettings.READ_AHEAD, RedisCacheSettings.READ_AHEAD, "always" );
	}

	@Test
	void longestTtl_includesJitter() {
		ProviderSettings s = read( RedisCacheSettings.TTL, "100", RedisCacheSettings.TTL_JITTER, "0.5",
				RedisCacheSettings.REGION_PREFIX + "q.ttl", "200" );
		assertEquals( Duration.ofSeconds( 300 ), s.longestTtl() );
	}

	@Test
	void badValues_failFastNamingTheSetting() {
		assertRejected( RedisCacheSettings.TTL, RedisCacheSettings.TTL, "ten minutes" );
		assertRejected( RedisCacheSettings.TTL, RedisCacheSettings.TTL, "0" );
		assertRejected( RedisCacheSettings.TTL_JITTER, RedisCacheSettings.TTL_JITTER, "1.5" );
		assertRejected( RedisCacheSettings.POOL_MAX_TOTAL, RedisCacheSettings.POOL_MAX_TOTAL, "-1" );
		assertRejected( RedisCacheSettings.SOCKET_TIMEOUT_MS, RedisCacheSettings.SOCKET_TIMEOUT_MS, "1s" );
		assertRejected( RedisCacheSettings.URL, RedisCacheSettings.URL, "http://localhost:6379" );
		assertRejected( RedisCacheSettings.URL, RedisCacheSettings.URL, "redis://host:6379/notadb" );
		assertRejected( RedisCacheSettings.KEY_PREFIX, RedisCacheSettings.KEY_PREFIX, "app{1}" );
		assertRejected( RedisCacheSettings.CLUSTER_NODES, RedisCacheSettings.CLUSTER_NODES, "localhost" );
		assertRejected( RedisCacheSettings.CLUSTER_NODES, RedisCacheSettings.CLUSTER_NODES, "localhost:99999" );
		assertRejected( RedisCacheSettings.SENTINEL_NODES, RedisCacheSettings.SENTINEL_MASTER, "mymaster" );
		assertRejected( RedisCacheSettings.SENTINEL_MASTER, RedisCacheSettings.SENTINEL_NODES, "127.0.0.1:26379" );
		assertRejected( RedisCacheSettings.CLUSTER_NODES, RedisCacheSettings.CLUSTER_NODES, "a:1",
				RedisCacheSettings.SENTINEL_MASTER, "m" );
		assertRejected( RedisCacheSettings.REGION_PREFIX + "books.tll",
				RedisCacheSettings.REGION_PREFIX + "books.tll", "10" );
		assertRejected( RedisCacheSettings.CLIENT_INSTANCE, RedisCacheSettings.CLIENT_INSTANCE, "not a client" );
	}

	@Test
	void urlPassword_neverAppearsInErrors() {
		InvalidSettingException e = assertThrows( InvalidSettingException.class,
				() -> read( RedisCacheSettings.URL, "redis://user:s3cret@host:6379/x y" ) );
		assertFalse( e.getMessage().contains( "s3cret" ), e.getMessage() );
	}

	@Test
	void credentialsAndDatabase_comeFromTheUrl() {
		Topology t = read( RedisCacheSettings.URL, "rediss://app:p%40ss@cache.local:6380/3" ).topology();
		assertTrue( t.tls() );
		assertEquals( "app", t.user() );
		assertEquals( "p@ss", t.password() );
		assertEquals( 3, t.database() );
		assertFalse( t.describe().contains( "p@ss" ) );
		assertNull( read( RedisCacheSettings.URL, "redis://:pw@h:1" ).topology().user() );
		assertEquals( "pw", read( RedisCacheSettings.URL, "redis://:pw@h:1" ).topology().password() );
	}

	@Test
	void topologies_areSelectedByTheirSettings() {
		ProviderSettings cluster = read( RedisCacheSettings.CLUSTER_NODES, "127.0.0.1:7000, 127.0.0.1:7001" );
		assertEquals( Topology.Kind.CLUSTER, cluster.topology().kind() );
		assertEquals( 2, cluster.topology().nodes().size() );
		ProviderSettings sentinel = read( RedisCacheSettings.SENTINEL_MASTER, "mymaster",
				RedisCacheSettings.SENTINEL_NODES, "127.0.0.1:26379" );
		assertEquals( Topology.Kind.SENTINEL, sentinel.topology().kind() );
		assertEquals( "mymaster", sentinel.topology().sentinelMaster() );
	}

	@Test
	void topologies_takeCredentialsAndTlsFromTheUrl() {
		Topology cluster = read( RedisCacheSettings.CLUSTER_NODES, "10.0.0.1:7000",
				RedisCacheSettings.URL, "rediss://app:pw@ignored-host" ).topology();
		assertEquals( Topology.Kind.CLUSTER, cluster.kind() );
		assertTrue( cluster.tls() );
		assertEquals( "app", cluster.user() );
		assertEquals( "pw", cluster.password() );
		assertFalse( cluster.describe().contains( "pw" ) );
		Topology sentinel = read( RedisCacheSettings.SENTINEL_MASTER, "m", RedisCacheSettings.SENTINEL_NODES, "10.0.0.1:26379",
				RedisCacheSettings.URL, "redis://:pw@ignored-host/4" ).topology();
		assertEquals( "pw", sentinel.password() );
		assertEquals( 4, sentinel.database() );
	}

	@Test
	void cluster_refusesADatabaseNumber() {
		assertRejected( RedisCacheSettings.URL, RedisCacheSettings.CLUSTER_NODES, "10.0.0.1:7000",
				RedisCacheSettings.URL, "redis://h/3" );
		assertEquals( Topology.Kind.CLUSTER, read( RedisCacheSettings.CLUSTER_NODES, "10.0.0.1:7000",
				RedisCacheSettings.URL, "redis://h/0" ).topology().kind() );
	}

	@Test
	void failoverCheckInterval_defaultsToOneSecondAndMustBePositive() {
		assertEquals( Duration.ofSeconds( 1 ), read().topology().failoverCheckInterval() );
		assertEquals( Duration.ofMillis( 250 ), read( RedisCacheSettings.FAILOVER_CHECK_INTERVAL, "250ms" ).topology().failoverCheckInterval() );
		assertRejected( RedisCacheSettings.FAILOVER_CHECK_INTERVAL, RedisCacheSettings.FAILOVER_CHECK_INTERVAL, "0" );
		assertRejected( RedisCacheSettings.FAILOVER_CHECK_INTERVAL, RedisCacheSettings.FAILOVER_CHECK_INTERVAL, "soon" );
	}

	@Test
	void hotKeySettings_areOffByDefault_andSetGloballyOrPerRegion() {
		HotKeySettings off = read().hotKeys();
		assertEquals( 0, off.nearMaxEntriesFor( "any" ) );
		assertEquals( Duration.ZERO, off.singleFlightWaitFor( "any" ) );
		assertEquals( 0, off.earlyExpirationBetaFor( "any" ) );
		assertEquals( Duration.ofMillis( 100 ), off.heartbeat() );
		HotKeySettings on = read( RedisCacheSettings.NEAR_CACHE_MAX_ENTRIES, "500",
				RedisCacheSettings.REGION_PREFIX + "com.acme.Country" + RedisCacheSettings.REGION_NEAR_CACHE_MAX_ENTRIES_SUFFIX, "20000",
				RedisCacheSettings.REGION_PREFIX + "com.acme.Book" + RedisCacheSettings.REGION_SINGLE_FLIGHT_WAIT_SUFFIX, "150ms",
				RedisCacheSettings.REGION_PREFIX + "com.acme.Book" + RedisCacheSettings.REGION_EARLY_EXPIRATION_BETA_SUFFIX, "1.5",
				RedisCacheSettings.NEAR_CACHE_TTL, "10s" ).hotKeys();
		assertEquals( 500, on.nearMaxEntriesFor( "com.acme.Book" ) );
		assertEquals( 20_000, on.nearMaxEntriesFor( "com.acme.Country" ) );
		assertEquals( Duration.ofMillis( 150 ), on.singleFlightWaitFor( "com.acme.Book" ) );
		assertEquals( 1.5, on.earlyExpirationBetaFor( "com.acme.Book" ) );
		assertEquals( Duration.ofSeconds( 10 ), on.nearTtl() );
		assertTrue( on.anyNearCache() );
	}

	@Test
	void badHotKeySettings_failNamingTheSetting() {
		assertRejected( RedisCacheSettings.NEAR_CACHE_MAX_ENTRIES, RedisCacheSettings.NEAR_CACHE_MAX_ENTRIES, "lots" );
		assertRejected( RedisCacheSettings.NEAR_CACHE_MAX_ENTRIES, RedisCacheSettings.NEAR_CACHE_MAX_ENTRIES, "-1" );
		assertRejected( RedisCacheSettings.NEAR_CACHE_HEARTBEAT, RedisCacheSettings.NEAR_CACHE_HEARTBEAT, "0" );
		assertRejected( RedisCacheSettings.EARLY_EXPIRATION_BETA, RedisCacheSettings.EARLY_EXPIRATION_BETA, "-2" );
		String perRegion = RedisCacheSettings.REGION_PREFIX + "Book" + RedisCacheSettings.REGION_EARLY_EXPIRATION_BETA_SUFFIX;
		assertRejected( perRegion, perRegion, "very" );
		assertRejected( RedisCacheSettings.SINGLE_FLIGHT_WAIT, RedisCacheSettings.SINGLE_FLIGHT_WAIT, "soon" );
	}

	@Test
	void aNearCacheWithAnApplicationSuppliedClient_isRefused() {
		Map<String, Object> raw = new HashMap<>();
		raw.put( RedisCacheSettings.NEAR_CACHE_MAX_ENTRIES, "10" );
		raw.put( RedisCacheSettings.CLIENT_INSTANCE, redis.clients.jedis.RedisClient.create( java.net.URI.create( "redis://127.0.0.1:1" ) ) );
		InvalidSettingException e = assertThrows( InvalidSettingException.class, () -> SettingsReader.read( raw ) );
		assertTrue( e.getMessage().contains( RedisCacheSettings.NEAR_CACHE_MAX_ENTRIES ), e.getMessage() );
	}

	@Test
	void aMisspeltSetting_failsNamingIt_insteadOfBeingIgnored() {
		assertRejected( "hibernate.cache.redis.near_cache.max_entry", "hibernate.cache.redis.near_cache.max_entry", "100" );
		assertRejected( "hibernate.cache.redis.tll", "hibernate.cache.redis.tll", "10s" );
	}
}
