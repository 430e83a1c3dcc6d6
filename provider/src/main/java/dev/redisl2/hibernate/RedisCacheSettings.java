package dev.redisl2.hibernate;

/**
 * Names of every setting the provider reads. All live under {@value #PREFIX}; durations accept a
 * plain number of seconds or a number with an explicit unit ({@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 1h}, {@code 1d}), so that a value is never silently read in the wrong unit.
 */
public interface RedisCacheSettings {

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

	/** Time to open a TCP connection to Redis, in milliseconds. Default 2000. */
	String CONNECT_TIMEOUT_MS = PREFIX + "connect_timeout_ms";

	/** Time to wait for a Redis reply, in milliseconds. Default 1000. */
	String SOCKET_TIMEOUT_MS = PREFIX + "socket_timeout_ms";

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
	 * A {@code java.time.Clock} standing for this node's wall clock, which the shared clock uses only
	 * until it has measured Redis time. For tests that simulate skewed nodes; default the system clock.
	 */
	String WALL_CLOCK = PREFIX + "wall_clock";

	/** How often the shared clock re-measures its offset to Redis {@code TIME} (duration). Default 30 s. */
	String CLOCK_SYNC_INTERVAL = PREFIX + "clock_sync_interval";
}
