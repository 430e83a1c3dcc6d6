package dev.redisl2.hibernate;

/**
 * Names of every setting the provider reads. All live under {@value #PREFIX}; durations accept a
 * plain number of seconds or a number with an explicit unit ({@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 1h}, {@code 1d}), so that a value is never silently read in the wrong unit.
 *
 * <p>Every setting is validated when the SessionFactory starts: a bad value, or an unknown name under
 * {@value #PREFIX}, fails the bootstrap with an
 * {@link dev.redisl2.hibernate.config.InvalidSettingException} naming it. The table in
 * {@code docs/configuration.md} lists each one with its default, unit and an example, and a test keeps it
 * in step with these constants.
 *
 * @since 0.1.0
 */
public interface RedisCacheSettings {

	/** The prefix of every provider setting. */
	String PREFIX = "hibernate.cache.redis.";

	/** {@code redis://[user:password@]host:port[/db]} or {@code rediss://…} for TLS. Default {@code redis://127.0.0.1:6379}. */
	String URL = PREFIX + "url";

	/** First segment of every Redis key, so that several applications can share one Redis. Default {@code redisl2}. */
	String KEY_PREFIX = PREFIX + "key_prefix";

	/** {@code host:port,host:port}: seed nodes of a Redis Cluster. Selects the Cluster topology. */
	String CLUSTER_NODES = PREFIX + "cluster.nodes";

	/** Name of the Sentinel-managed primary. Selects the Sentinel topology, with {@link #SENTINEL_NODES}. */
	String SENTINEL_MASTER = PREFIX + "sentinel.master";

	/** {@code host:port,host:port}: the sentinels to ask for the primary. */
	String SENTINEL_NODES = PREFIX + "sentinel.nodes";

	/**
	 * Cluster and Sentinel: how often the provider checks whether a replica has replaced a primary
	 * (duration). After one has, every region starts a new generation, so that a write the old primary
	 * acknowledged but never replicated (a lost invalidation) cannot resurface as a stale entry; this
	 * interval bounds how long after the failover such an entry may still be served. Default 1 s.
	 */
	String FAILOVER_CHECK_INTERVAL = PREFIX + "failover_check_interval";

	/**
	 * A {@code redis.clients.jedis.UnifiedJedis} instance the application already owns. When given, the
	 * provider uses it instead of building its own and never closes it.
	 */
	String CLIENT_INSTANCE = PREFIX + "client";

	/** Maximum connections in the pool. Default 16. */
	String POOL_MAX_TOTAL = PREFIX + "pool.max_total";

	/**
	 * Time to open a TCP connection to Redis, in milliseconds. Default 1000. Paid by a request only when
	 * the pool must open a connection while Redis is unreachable, and at most once per outage (the
	 * circuit breaker then answers for Redis).
	 */
	String CONNECT_TIMEOUT_MS = PREFIX + "connect_timeout_ms";

	/**
	 * Time to wait for a Redis reply (and for a free pooled connection), in milliseconds. Default 500.
	 * A healthy Redis answers a cache call in well under a millisecond; a call that times out opens the
	 * circuit breaker at once, so this is about the longest a request waits for a Redis that hangs.
	 */
	String SOCKET_TIMEOUT_MS = PREFIX + "socket_timeout_ms";

	/**
	 * User name for Redis ACL authentication; overrides the user of {@link #URL}. Default: the URL's, or
	 * none ({@code default} user).
	 */
	String USER = PREFIX + "user";

	/**
	 * Password for Redis authentication; overrides the password of {@link #URL}, and keeps it out of a
	 * URL that may be printed elsewhere. Never logged.
	 */
	String PASSWORD = PREFIX + "password";

	/**
	 * Trust store (a file path) holding the certificates that may sign the Redis server's certificate,
	 * for {@code rediss://} URLs. Default: the JVM's trust store ({@code javax.net.ssl.trustStore} or cacerts).
	 */
	String TLS_TRUSTSTORE = PREFIX + "tls.truststore";

	/** Password of {@link #TLS_TRUSTSTORE}. Default none. Never logged. */
	String TLS_TRUSTSTORE_PASSWORD = PREFIX + "tls.truststore_password";

	/** Type of {@link #TLS_TRUSTSTORE}: {@code PKCS12} (default) or {@code JKS}. */
	String TLS_TRUSTSTORE_TYPE = PREFIX + "tls.truststore_type";

	/** Key store (a file path) with this client's certificate and key, when Redis requires client certificates. */
	String TLS_KEYSTORE = PREFIX + "tls.keystore";

	/** Password of {@link #TLS_KEYSTORE} (and of the key in it). Never logged. */
	String TLS_KEYSTORE_PASSWORD = PREFIX + "tls.keystore_password";

	/** Type of {@link #TLS_KEYSTORE}: {@code PKCS12} (default) or {@code JKS}. */
	String TLS_KEYSTORE_TYPE = PREFIX + "tls.keystore_type";

	/**
	 * Whether the server certificate must name the host of the URL (or node list). Default true; turn it
	 * off only for servers reached through an address their certificate cannot name.
	 */
	String TLS_VERIFY_HOSTNAME = PREFIX + "tls.verify_hostname";

	/**
	 * Consecutive failed Redis calls that open the factory's circuit breaker. Default 3. A call that
	 * timed out (no reply within {@link #SOCKET_TIMEOUT_MS}, or no free connection) opens it at once:
	 * that is the failure that costs requests time. While the breaker is open every cache call skips
	 * Redis: reads miss, puts are dropped, and invalidations are remembered for replay.
	 */
	String BREAKER_FAILURE_THRESHOLD = PREFIX + "breaker.failure_threshold";

	/**
	 * How often a background probe PINGs Redis while the breaker is open, and how soon invalidations that
	 * could not be written are retried (duration). Default 500 ms. It bounds how long, once Redis is back,
	 * other nodes may still read an entry this node changed during the outage.
	 */
	String BREAKER_PROBE_INTERVAL = PREFIX + "breaker.probe_interval";

	/**
	 * How many entries this node remembers as "invalidation not delivered" during an outage (replayed when
	 * Redis answers again). Beyond this, the regions of further entries are evicted as a whole at replay
	 * instead. Default 10000; 0 always evicts whole regions.
	 */
	String BREAKER_BACKLOG_SIZE = PREFIX + "breaker.backlog_size";

	/** Lifetime of a cache entry (duration; plain numbers are seconds). Default 3600 s. */
	String TTL = PREFIX + "ttl";

	/**
	 * Fraction by which every TTL is randomly lengthened (0 to 1), so that entries cached together do
	 * not expire together. Default 0.1.
	 */
	String TTL_JITTER = PREFIX + "ttl_jitter";

	/** Prefix of per-region settings: {@code hibernate.cache.redis.region.<region name>.<setting>}. */
	String REGION_PREFIX = PREFIX + "region.";

	/** Per-region suffix overriding {@link #TTL}. */
	String REGION_TTL_SUFFIX = ".ttl";

	/** Per-region suffix overriding {@link #NEGATIVE_TTL}. */
	String REGION_NEGATIVE_TTL_SUFFIX = ".negative_ttl";

	/** Per-region suffix overriding {@link #NEAR_CACHE_MAX_ENTRIES}. */
	String REGION_NEAR_CACHE_MAX_ENTRIES_SUFFIX = ".near_cache.max_entries";

	/** Per-region suffix overriding {@link #SINGLE_FLIGHT_WAIT}. */
	String REGION_SINGLE_FLIGHT_WAIT_SUFFIX = ".single_flight.wait";

	/** Per-region suffix overriding {@link #EARLY_EXPIRATION_BETA}. */
	String REGION_EARLY_EXPIRATION_BETA_SUFFIX = ".early_expiration.beta";

	/**
	 * Entries each region keeps in this JVM in front of Redis (the near cache), kept coherent by Redis's
	 * invalidation messages (client tracking). 0, the default, turns it off; usually set per region for
	 * hot, rarely written data. Not with an application-supplied {@link #CLIENT_INSTANCE}.
	 */
	String NEAR_CACHE_MAX_ENTRIES = PREFIX + "near_cache.max_entries";

	/** The longest a near-cache entry is served without being read from Redis again (duration). Default 30 s. */
	String NEAR_CACHE_TTL = PREFIX + "near_cache.ttl";

	/**
	 * How often this node proves its invalidation channel alive by writing a key it tracks (duration). When
	 * no proof arrives for four heartbeats the near cache is emptied and bypassed until the channel is
	 * back. Default 100 ms (so a near cache stops serving within 400 ms of losing its messages).
	 */
	String NEAR_CACHE_HEARTBEAT = PREFIX + "near_cache.heartbeat";

	/**
	 * Single-flight loads: how long a miss waits for the load another session (on any node) started for the
	 * same entry before loading it itself (duration). 0, the default, turns it off.
	 */
	String SINGLE_FLIGHT_WAIT = PREFIX + "single_flight.wait";

	/**
	 * Early expiration (XFetch): an entry nearing its TTL is refreshed by one reader with a probability
	 * that grows as expiry nears and with the region's measured load time, scaled by this beta. 0, the
	 * default, turns it off; 1 is the usual value.
	 */
	String EARLY_EXPIRATION_BETA = PREFIX + "early_expiration.beta";

	/**
	 * How long a read-write soft lock blocks loads when its owner never releases it (duration). Also the
	 * lifetime of a query-space pre-invalidation. Default 60 s.
	 */
	String LOCK_TIMEOUT = PREFIX + "lock_timeout";

	/** How long a deletion or invalidation marker keeps stale loads out (duration). Default 60 s. */
	String TOMBSTONE_TTL = PREFIX + "tombstone_ttl";

	/**
	 * Lifetime of a "not found" marker for entity ids looked up and missing (duration). 0 turns the
	 * negative cache off. Default 0; usually set per region.
	 */
	String NEGATIVE_TTL = PREFIX + "negative_ttl";

	/**
	 * Extra types the codec may instantiate from cache entries: class names, or package patterns
	 * such as {@code com.acme.money.*}. Enums and basic types used by mapped entities are allowed
	 * automatically.
	 */
	String CODEC_ALLOWED_TYPES = PREFIX + "codec.allowed_types";

	/**
	 * The entry format this node writes and reads: {@code 2} (default), binary with one-byte tags and
	 * derived name codes, or {@code 1}, the JSON of earlier builds (0.1.0), for a node that must share
	 * entries with such a release. Nodes of either format share one Redis: each sees the other's entries
	 * as misses, and writes by either invalidate both (docs/versioning.md).
	 */
	String ENTRY_FORMAT = PREFIX + "entry_format";

	/**
	 * Format-2 payloads of at least this many bytes are LZ4-compressed when that makes them smaller
	 * (bytes, 1 to 2^31-1). Default 512. {@code 0} turns compression off; compressed entries written by
	 * other nodes are read either way.
	 */
	String COMPRESSION_THRESHOLD = PREFIX + "compression.threshold";

	/**
	 * {@code full} (default): keys spell the region and entity names,
	 * {@code <prefix>:<region>:{<Entity>#<id>}}. {@code compact}: a five-character code derived from the
	 * region name replaces it, and the entity name is left out where the region holds one kind of entry,
	 * {@code <prefix>:<code>:{<id>}}. The two layouts do not see each other's keys: switch all nodes at
	 * once (docs/versioning.md), never in a rolling restart.
	 */
	String KEY_LAYOUT = PREFIX + "key_layout";

	/**
	 * A {@code java.time.Clock} standing for this node's wall clock, which the shared clock uses only
	 * until it has measured Redis time. For tests that simulate skewed nodes; default the system clock.
	 */
	String WALL_CLOCK = PREFIX + "wall_clock";

	/** How often the shared clock re-measures its offset to Redis {@code TIME} (duration). Default 30 s. */
	String CLOCK_SYNC_INTERVAL = PREFIX + "clock_sync_interval";

	/**
	 * Association read-ahead: {@code adaptive}, the default, learns per entity and association (a cached
	 * to-one target, a cached collection of the entity) whether sessions that load the entity from the cache
	 * go on to ask for it, and reads ahead only those: an entity, its to-one target and its cached collection
	 * of cached elements then cost 2 round trips instead of 4. {@code off} reads nothing ahead but the
	 * elements of a collection just served.
	 */
	String READ_AHEAD = PREFIX + "read_ahead";
}
