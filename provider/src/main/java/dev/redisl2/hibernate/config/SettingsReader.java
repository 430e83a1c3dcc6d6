package dev.redisl2.hibernate.config;

import static dev.redisl2.hibernate.RedisCacheSettings.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.redisl2.hibernate.entry.EntryFormat;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

/**
 * Turns Hibernate's raw configuration map into {@link ProviderSettings}. Every problem is reported
 * here, at startup, naming the setting: nothing is parsed lazily on a request path.
 */
public final class SettingsReader {

	static final String DEFAULT_URL = "redis://127.0.0.1:6379";

	/*
	 * Timeout defaults: what one request can lose to a Redis that stops answering before the breaker
	 * opens. A cache call normally takes well under a millisecond, so 500 ms is generous for a slow
	 * reply and still invisible next to most page loads; the connect timeout is longer because a new
	 * connection only matters to the pool and the probe, rarely to a request.
	 */
	static final int DEFAULT_CONNECT_TIMEOUT_MS = 1000;
	static final int DEFAULT_SOCKET_TIMEOUT_MS = 500;

	private final Map<?, ?> raw;

	private SettingsReader(Map<?, ?> raw) {
		this.raw = raw;
	}

	public static ProviderSettings read(Map<?, ?> raw) {
		return new SettingsReader( raw ).read();
	}

	private ProviderSettings read() {
		rejectUnknownSettings();
		Duration defaultTtl = positive( TTL, duration( TTL, Duration.ofHours( 1 ) ) );
		Duration defaultNegative = duration( NEGATIVE_TTL, Duration.ZERO );
		Map<String, Duration> regionTtls = new HashMap<>();
		Map<String, Duration> regionNegativeTtls = new HashMap<>();
		Map<String, Integer> regionNearMax = new HashMap<>();
		Map<String, Duration> regionSingleFlight = new HashMap<>();
		Map<String, Double> regionBeta = new HashMap<>();
		readRegionSettings( regionTtls, regionNegativeTtls, regionNearMax, regionSingleFlight, regionBeta );
		HotKeySettings hotKeys = new HotKeySettings(
				intRange( NEAR_CACHE_MAX_ENTRIES, 0, 0, 100_000_000 ),
				positive( NEAR_CACHE_TTL, duration( NEAR_CACHE_TTL, HotKeySettings.OFF.nearTtl() ) ),
				positive( NEAR_CACHE_HEARTBEAT, duration( NEAR_CACHE_HEARTBEAT, HotKeySettings.OFF.heartbeat() ) ),
				duration( SINGLE_FLIGHT_WAIT, Duration.ZERO ),
				beta( EARLY_EXPIRATION_BETA, string( EARLY_EXPIRATION_BETA ) ),
				Map.copyOf( regionNearMax ), Map.copyOf( regionSingleFlight ), Map.copyOf( regionBeta ) );
		ProviderSettings settings = new ProviderSettings(
				topology(),
				externalClient(),
				keyPrefix(),
				intRange( POOL_MAX_TOTAL, 16, 1, 10_000 ),
				Duration.ofMillis( intRange( CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, 1, 600_000 ) ),
				Duration.ofMillis( intRange( SOCKET_TIMEOUT_MS, DEFAULT_SOCKET_TIMEOUT_MS, 1, 600_000 ) ),
				defaultTtl,
				fraction( TTL_JITTER, 0.1 ),
				Map.copyOf( regionTtls ),
				positive( LOCK_TIMEOUT, duration( LOCK_TIMEOUT, Duration.ofSeconds( 60 ) ) ),
				positive( TOMBSTONE_TTL, duration( TOMBSTONE_TTL, Duration.ofSeconds( 60 ) ) ),
				defaultNegative,
				Map.copyOf( regionNegativeTtls ),
				allowedTypes(),
				positive( CLOCK_SYNC_INTERVAL, duration( CLOCK_SYNC_INTERVAL, Duration.ofSeconds( 30 ) ) ),
				wallClock(),
				security(),
				breaker(),
				hotKeys,
				storage(),
				adaptiveReadAhead()
		);
		if ( hotKeys.anyNearCache() && settings.externalClient() != null ) {
			throw new InvalidSettingException( NEAR_CACHE_MAX_ENTRIES, "the near cache needs a connection of its own to Redis, "
					+ "which an application-supplied client does not describe; configure " + URL + " instead" );
		}
		return settings;
	}

	private StorageSettings storage() {
		int entryFormat = Integer.parseInt( oneOf( ENTRY_FORMAT, String.valueOf( StorageSettings.DEFAULT.entryFormat() ),
				String.valueOf( EntryFormat.JSON ), String.valueOf( EntryFormat.COMPACT ) ) );
		int threshold = intRange( COMPRESSION_THRESHOLD, StorageSettings.DEFAULT.compressionThreshold(), 0, Integer.MAX_VALUE );
		boolean compactKeys = oneOf( KEY_LAYOUT, "full", "full", "compact" ).equals( "compact" );
		return new StorageSettings( entryFormat, threshold, compactKeys );
	}

	/** Every setting {@link RedisCacheSettings} names: a misspelt one must fail, not be ignored. */
	private static final java.util.Set<String> KNOWN = knownSettings();

	private static java.util.Set<String> knownSettings() {
		java.util.Set<String> known = new java.util.HashSet<>();
		for ( java.lang.reflect.Field field : dev.redisl2.hibernate.RedisCacheSettings.class.getFields() ) {
			try {
				if ( field.get( null ) instanceof String name && name.startsWith( PREFIX ) ) {
					known.add( name );
				}
			}
			catch (IllegalAccessException e) {
				throw new IllegalStateException( e );
			}
		}
		return java.util.Set.copyOf( known );
	}

	private void rejectUnknownSettings() {
		for ( Object key : raw.keySet() ) {
			String name = String.valueOf( key );
			if ( name.startsWith( PREFIX ) && !name.startsWith( REGION_PREFIX ) && !KNOWN.contains( name ) ) {
				throw new InvalidSettingException( name, "unknown setting (every " + PREFIX + "* setting is listed in "
						+ "docs/configuration.md and in RedisCacheSettings)" );
			}
		}
	}

	private static final List<String> REGION_SUFFIXES = List.of( REGION_NEAR_CACHE_MAX_ENTRIES_SUFFIX,
			REGION_SINGLE_FLIGHT_WAIT_SUFFIX, REGION_EARLY_EXPIRATION_BETA_SUFFIX, REGION_NEGATIVE_TTL_SUFFIX, REGION_TTL_SUFFIX );

	private void readRegionSettings(Map<String, Duration> ttls, Map<String, Duration> negativeTtls, Map<String, Integer> nearMax,
			Map<String, Duration> singleFlight, Map<String, Double> betas) {
		for ( Map.Entry<?, ?> entry : raw.entrySet() ) {
			String name = String.valueOf( entry.getKey() );
			if ( !name.startsWith( REGION_PREFIX ) || entry.getValue() == null ) {
				continue;
			}
			String rest = name.substring( REGION_PREFIX.length() );
			String suffix = REGION_SUFFIXES.stream().filter( rest::endsWith ).findFirst().orElse( null );
			if ( suffix == null ) {
				throw new InvalidSettingException( name, "unknown per-region setting; use " + REGION_PREFIX + "<region>"
						+ String.join( ", " + REGION_PREFIX + "<region>", REGION_SUFFIXES ) );
			}
			String region = rest.substring( 0, rest.length() - suffix.length() );
			if ( region.isEmpty() ) {
				throw new InvalidSettingException( name, "the region name is missing" );
			}
			String text = String.valueOf( entry.getValue() ).trim();
			switch ( suffix ) {
				case REGION_TTL_SUFFIX -> ttls.put( region, positive( name, Durations.parse( name, entry.getValue() ) ) );
				case REGION_NEGATIVE_TTL_SUFFIX -> negativeTtls.put( region, Durations.parse( name, entry.getValue() ) );
				case REGION_SINGLE_FLIGHT_WAIT_SUFFIX -> singleFlight.put( region, Durations.parse( name, entry.getValue() ) );
				case REGION_EARLY_EXPIRATION_BETA_SUFFIX -> betas.put( region, beta( name, text ) );
				default -> nearMax.put( region, wholeNumber( name, text, 0, 100_000_000 ) );
			}
		}
	}

	private static double beta(String name, String text) {
		if ( text == null || text.isBlank() ) {
			return 0;
		}
		double value;
		try {
			value = Double.parseDouble( text.trim() );
		}
		catch (NumberFormatException e) {
			throw new InvalidSettingException( name, "'" + text + "' is not a number" );
		}
		if ( !( value >= 0 && value <= 100 ) ) {
			throw new InvalidSettingException( name, value + " is outside 0..100" );
		}
		return value;
	}

	private Topology topology() {
		URI url = url();
		String clusterNodes = string( CLUSTER_NODES );
		String sentinelMaster = string( SENTINEL_MASTER );
		String sentinelNodes = string( SENTINEL_NODES );
		Duration failoverCheck = positive( FAILOVER_CHECK_INTERVAL, duration( FAILOVER_CHECK_INTERVAL, Duration.ofSeconds( 1 ) ) );
		if ( clusterNodes != null && ( sentinelMaster != null || sentinelNodes != null ) ) {
			throw new InvalidSettingException( CLUSTER_NODES,
					"choose one topology: set either " + CLUSTER_NODES + " or " + SENTINEL_MASTER + "/" + SENTINEL_NODES );
		}
		if ( clusterNodes != null ) {
			String path = url.getPath();
			if ( path != null && path.length() > 1 && Integer.parseInt( path.substring( 1 ) ) != 0 ) {
				throw new InvalidSettingException( URL, "Redis Cluster has only database 0: remove the database number "
						+ "from the URL (with " + CLUSTER_NODES + " set, the URL only carries credentials and TLS)" );
			}
			return new Topology( Topology.Kind.CLUSTER, url, hostAndPorts( CLUSTER_NODES, clusterNodes ), null, failoverCheck );
		}
		if ( sentinelMaster != null || sentinelNodes != null ) {
			if ( sentinelMaster == null ) {
				throw new InvalidSettingException( SENTINEL_MASTER, "required when " + SENTINEL_NODES + " is set" );
			}
			if ( sentinelNodes == null ) {
				throw new InvalidSettingException( SENTINEL_NODES, "required when " + SENTINEL_MASTER + " is set" );
			}
			return new Topology( Topology.Kind.SENTINEL, url, hostAndPorts( SENTINEL_NODES, sentinelNodes ), sentinelMaster,
					failoverCheck );
		}
		return new Topology( Topology.Kind.STANDALONE, url, List.of(), null, failoverCheck );
	}

	private URI url() {
		String text = string( URL );
		if ( text == null ) {
			text = DEFAULT_URL;
		}
		URI uri;
		try {
			uri = new URI( text );
		}
		catch (URISyntaxException e) {
			// the message of URISyntaxException quotes the input, which may hold a password
			throw new InvalidSettingException( URL, "not a valid URI (expected redis://host:port or rediss://host:port)" );
		}
		if ( !"redis".equals( uri.getScheme() ) && !"rediss".equals( uri.getScheme() ) ) {
			throw new InvalidSettingException( URL, "scheme must be redis:// or rediss://, was '" + uri.getScheme() + "'" );
		}
		if ( uri.getHost() == null ) {
			throw new InvalidSettingException( URL, "no host in the URL (expected redis://host:port)" );
		}
		String path = uri.getPath();
		if ( path != null && path.length() > 1 && !path.substring( 1 ).matches( "\\d{1,5}" ) ) {
			throw new InvalidSettingException( URL, "the path must be a database number, e.g. redis://host:6379/0" );
		}
		return uri;
	}

	private static List<HostAndPort> hostAndPorts(String setting, String text) {
		List<HostAndPort> nodes = new ArrayList<>();
		for ( String part : text.split( "," ) ) {
			String node = part.trim();
			if ( node.isEmpty() ) {
				continue;
			}
			int colon = node.lastIndexOf( ':' );
			if ( colon <= 0 || colon == node.length() - 1 ) {
				throw new InvalidSettingException( setting, "'" + node + "' is not host:port" );
			}
			int port;
			try {
				port = Integer.parseInt( node.substring( colon + 1 ) );
			}
			catch (NumberFormatException e) {
				throw new InvalidSettingException( setting, "'" + node + "' has no numeric port" );
			}
			if ( port < 1 || port > 65535 ) {
				throw new InvalidSettingException( setting, "port out of range in '" + node + "'" );
			}
			nodes.add( new HostAndPort( node.substring( 0, colon ), port ) );
		}
		if ( nodes.isEmpty() ) {
			throw new InvalidSettingException( setting, "no host:port given" );
		}
		return List.copyOf( nodes );
	}

	private UnifiedJedis externalClient() {
		Object value = raw.get( CLIENT_INSTANCE );
		if ( value == null ) {
			return null;
		}
		if ( value instanceof UnifiedJedis client ) {
			return client;
		}
		throw new InvalidSettingException( CLIENT_INSTANCE,
				"expected a redis.clients.jedis.UnifiedJedis instance, got " + value.getClass().getName() );
	}

	/** Checked here with the codec's own rules, so that a bad pattern fails the bootstrap, not the first request. */
	private List<String> allowedTypes() {
		List<String> types = list( CODEC_ALLOWED_TYPES );
		try {
			dev.redisl2.hibernate.codec.TypeAllowList.builtIn().with( types );
		}
		catch (IllegalArgumentException e) {
			throw new InvalidSettingException( CODEC_ALLOWED_TYPES, e.getMessage() );
		}
		return types;
	}

	private BreakerSettings breaker() {
		return new BreakerSettings(
				intRange( BREAKER_FAILURE_THRESHOLD, 3, 1, 1000 ),
				positive( BREAKER_PROBE_INTERVAL, duration( BREAKER_PROBE_INTERVAL, Duration.ofMillis( 500 ) ) ),
				intRange( BREAKER_BACKLOG_SIZE, 10_000, 0, 10_000_000 ) );
	}

	/**
	 * Credentials from the settings win over the URL's (a URL tends to be printed; a password setting
	 * need not be). Trust and key stores must be readable files, checked now; their contents (and
	 * passwords) are checked when the connection is built, still before the first request.
	 */
	private SecuritySettings security() {
		Topology topology = topology();
		String user = string( USER );
		String password = raw.get( PASSWORD ) == null ? null : raw.get( PASSWORD ).toString();
		if ( password != null && password.isEmpty() ) {
			password = null;
		}
		if ( user == null ) {
			user = topology.user();
		}
		if ( password == null ) {
			password = topology.password();
		}
		if ( user != null && password == null ) {
			throw new InvalidSettingException( USER, "a user needs a password (set " + PASSWORD + " or put it in the URL)" );
		}
		java.nio.file.Path trustStore = storeFile( TLS_TRUSTSTORE );
		java.nio.file.Path keyStore = storeFile( TLS_KEYSTORE );
		boolean tlsConfigured = trustStore != null || keyStore != null;
		if ( tlsConfigured && !topology.tls() ) {
			throw new InvalidSettingException( trustStore != null ? TLS_TRUSTSTORE : TLS_KEYSTORE,
					"TLS material is set but " + URL + " does not use rediss://" );
		}
		return new SecuritySettings( user, password,
				trustStore, secret( TLS_TRUSTSTORE_PASSWORD ), storeType( TLS_TRUSTSTORE_TYPE ),
				keyStore, secret( TLS_KEYSTORE_PASSWORD ), storeType( TLS_KEYSTORE_TYPE ),
				bool( TLS_VERIFY_HOSTNAME, true ) );
	}

	private java.nio.file.Path storeFile(String name) {
		String text = string( name );
		if ( text == null ) {
			return null;
		}
		java.nio.file.Path path = java.nio.file.Path.of( text );
		if ( !java.nio.file.Files.isRegularFile( path ) || !java.nio.file.Files.isReadable( path ) ) {
			throw new InvalidSettingException( name, "'" + text + "' is not a readable file" );
		}
		return path;
	}

	private String storeType(String name) {
		String text = string( name );
		if ( text == null ) {
			return "PKCS12";
		}
		try {
			java.security.KeyStore.getInstance( text );
		}
		catch (java.security.KeyStoreException e) {
			throw new InvalidSettingException( name, "'" + text + "' is not a key store type this JVM knows (use PKCS12 or JKS)" );
		}
		return text;
	}

	/** A secret is taken verbatim (a password may have meaningful spaces) and never echoed. */
	private String secret(String name) {
		Object value = raw.get( name );
		return value == null || value.toString().isEmpty() ? null : value.toString();
	}

	private boolean bool(String name, boolean defaultValue) {
		String text = string( name );
		if ( text == null ) {
			return defaultValue;
		}
		return switch ( text.toLowerCase( java.util.Locale.ROOT ) ) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new InvalidSettingException( name, "'" + text + "' is not true or false" );
		};
	}

	/** {@code read_ahead}: {@code adaptive} (the default) or {@code off}. */
	private boolean adaptiveReadAhead() {
		return oneOf( READ_AHEAD, "adaptive", "adaptive", "off" ).equals( "adaptive" );
	}

	/** One of {@code allowed} (any case), as spelt there; {@code defaultValue} when unset. */
	private String oneOf(String name, String defaultValue, String... allowed) {
		String text = string( name );
		if ( text == null ) {
			return defaultValue;
		}
		for ( String value : allowed ) {
			if ( value.equalsIgnoreCase( text ) ) {
				return value;
			}
		}
		throw new InvalidSettingException( name, "expected " + String.join( " or ", allowed ) + ", was '" + text + "'" );
	}

	private java.time.Clock wallClock() {
		Object value = raw.get( WALL_CLOCK );
		if ( value == null ) {
			return java.time.Clock.systemUTC();
		}
		if ( value instanceof java.time.Clock clock ) {
			return clock;
		}
		throw new InvalidSettingException( WALL_CLOCK, "expected a java.time.Clock instance, got " + value.getClass().getName() );
	}

	private String keyPrefix() {
		String prefix = string( KEY_PREFIX );
		if ( prefix == null ) {
			return "redisl2";
		}
		if ( prefix.isEmpty() || prefix.indexOf( '{' ) >= 0 || prefix.indexOf( '}' ) >= 0 || prefix.chars().anyMatch( Character::isWhitespace ) ) {
			throw new InvalidSettingException( KEY_PREFIX, "must be non-empty, without braces or white space (braces would change Redis Cluster hash slots)" );
		}
		return prefix;
	}

	private String string(String name) {
		Object value = raw.get( name );
		if ( value == null ) {
			return null;
		}
		String text = value.toString().trim();
		return text.isEmpty() ? null : text;
	}

	private List<String> list(String name) {
		String text = string( name );
		if ( text == null ) {
			return List.of();
		}
		return Arrays.stream( text.split( "," ) ).map( String::trim ).filter( s -> !s.isEmpty() ).toList();
	}

	private Duration duration(String name, Duration defaultValue) {
		Object value = raw.get( name );
		return value == null || value.toString().isBlank() ? defaultValue : Durations.parse( name, value );
	}

	private static Duration positive(String name, Duration value) {
		if ( value.isZero() ) {
			throw new InvalidSettingException( name, "must be greater than zero" );
		}
		return value;
	}

	private int intRange(String name, int defaultValue, int min, int max) {
		String text = string( name );
		return text == null ? defaultValue : wholeNumber( name, text, min, max );
	}

	private static int wholeNumber(String name, String text, int min, int max) {
		int value;
		try {
			value = Integer.parseInt( text.trim() );
		}
		catch (NumberFormatException e) {
			throw new InvalidSettingException( name, "'" + text + "' is not a whole number" );
		}
		if ( value < min || value > max ) {
			throw new InvalidSettingException( name, value + " is outside " + min + ".." + max );
		}
		return value;
	}

	private double fraction(String name, double defaultValue) {
		String text = string( name );
		if ( text == null ) {
			return defaultValue;
		}
		double value;
		try {
			value = Double.parseDouble( text );
		}
		catch (NumberFormatException e) {
			throw new InvalidSettingException( name, "'" + text + "' is not a number" );
		}
		if ( !( value >= 0 && value <= 1 ) ) {
			throw new InvalidSettingException( name, value + " is outside 0..1" );
		}
		return value;
	}
}
