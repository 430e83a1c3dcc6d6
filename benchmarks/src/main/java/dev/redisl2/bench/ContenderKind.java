package dev.redisl2.bench;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The configurations compared. */
enum ContenderKind {

	NONE( "none", "no L2 cache", null, false ),
	REDISL2_RO( "redisl2-ro", "redisl2 read-only", "read-only", true ),
	REDISL2_NONSTRICT( "redisl2-nonstrict", "redisl2 nonstrict-read-write", "nonstrict-read-write", true ),
	REDISL2_RW( "redisl2-rw", "redisl2 read-write", "read-write", true ),
	/**
	 * redisl2 read-only with its in-process near cache ({@link Contender#NEAR_CACHE_SETTINGS}). Reported as not
	 * available where the provider rejects or ignores those settings.
	 */
	REDISL2_NEAR( "redisl2-near", "redisl2 read-only + near cache", "read-only", true ),
	/**
	 * redisl2 read-write writing entry format 1, the JSON of 0.1 ({@code entry_format=1}): the "before" of issue 16.
	 * Reported as not available where the provider rejects the setting.
	 */
	REDISL2_F1( "redisl2-f1", "redisl2 read-write, entry format 1", "read-write", true,
			Map.of( "hibernate.cache.redis.entry_format", "1" ) ),
	/** redisl2 read-write with short derived region codes in its keys ({@code key_layout=compact}). */
	REDISL2_COMPACT( "redisl2-compact", "redisl2 read-write, compact keys", "read-write", true,
			Map.of( "hibernate.cache.redis.key_layout", "compact" ) ),
	/** redisl2 read-write without the association read-ahead ({@code read_ahead=off}): issue 16's graph "before". */
	REDISL2_NO_READ_AHEAD( "redisl2-rw-noahead", "redisl2 read-write, read_ahead=off", "read-write", true,
			Map.of( "hibernate.cache.redis.read_ahead", "off" ) ),
	REDISSON( "redisson", "Redisson read-write", "read-write", true ),
	MAP( "map", "in-process map (floor)", "read-write", false ),
	JEDIS( "jedis", "raw Jedis GET (floor)", null, true );

	final String id;
	final String label;
	/** Hibernate's external name of the access type applied to every cached entity and collection. */
	final String accessType;
	final boolean usesRedis;
	/** Provider settings of this configuration beyond the URL (a provider that does not know them refuses to start). */
	final Map<String, String> providerSettings;

	ContenderKind(String id, String label, String accessType, boolean usesRedis) {
		this( id, label, accessType, usesRedis, Map.of() );
	}

	ContenderKind(String id, String label, String accessType, boolean usesRedis, Map<String, String> providerSettings) {
		this.id = id;
		this.label = label;
		this.accessType = accessType;
		this.usesRedis = usesRedis;
		this.providerSettings = providerSettings;
	}

	boolean isRedisl2() {
		return this == REDISL2_RO || this == REDISL2_NONSTRICT || this == REDISL2_RW || this == REDISL2_NEAR
				|| this == REDISL2_F1 || this == REDISL2_COMPACT || this == REDISL2_NO_READ_AHEAD;
	}

	/** A configuration whose cache lives in Redis, so whose bytes per entry mean something. */
	boolean cachesInRedis() {
		return usesRedis && hasSessionFactory();
	}

	/** The throughput run's configurations when --configs is not given: not the two storage variants of redisl2-rw. */
	static Set<ContenderKind> throughputDefaults() {
		Set<ContenderKind> set = EnumSet.allOf( ContenderKind.class );
		set.remove( REDISL2_F1 );
		set.remove( REDISL2_COMPACT );
		set.remove( REDISL2_NO_READ_AHEAD );
		return set;
	}

	/** The memory and codec runs' configurations when --configs is not given: issue 16's before, after and Redisson. */
	static Set<ContenderKind> memoryDefaults() {
		return EnumSet.of( REDISL2_RW, REDISL2_F1, REDISL2_COMPACT, REDISSON );
	}

	boolean hasSessionFactory() {
		return this != JEDIS;
	}

	boolean runs(Workload workload) {
		return switch ( this ) {
			case JEDIS -> workload.isFind();
			// Hibernate refuses to update an entity cached read-only
			case REDISL2_RO, REDISL2_NEAR -> workload != Workload.UPDATE;
			default -> true;
		};
	}

	static Set<ContenderKind> parse(String list) {
		Set<ContenderKind> set = EnumSet.noneOf( ContenderKind.class );
		for ( String part : list.split( "," ) ) {
			set.add( byId( part.trim() ) );
		}
		return set;
	}

	static ContenderKind byId(String id) {
		for ( ContenderKind k : values() ) {
			if ( k.id.equals( id ) ) {
				return k;
			}
		}
		throw new BenchOptions.UsageException( "unknown configuration '" + id + "'" );
	}
}
