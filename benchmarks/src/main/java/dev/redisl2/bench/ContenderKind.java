package dev.redisl2.bench;

import java.util.EnumSet;
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
	REDISSON( "redisson", "Redisson read-write", "read-write", true ),
	MAP( "map", "in-process map (floor)", "read-write", false ),
	JEDIS( "jedis", "raw Jedis GET (floor)", null, true );

	final String id;
	final String label;
	/** Hibernate's external name of the access type applied to every cached entity and collection. */
	final String accessType;
	final boolean usesRedis;

	ContenderKind(String id, String label, String accessType, boolean usesRedis) {
		this.id = id;
		this.label = label;
		this.accessType = accessType;
		this.usesRedis = usesRedis;
	}

	boolean isRedisl2() {
		return this == REDISL2_RO || this == REDISL2_NONSTRICT || this == REDISL2_RW || this == REDISL2_NEAR;
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
