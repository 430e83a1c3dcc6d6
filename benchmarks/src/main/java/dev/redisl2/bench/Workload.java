package dev.redisl2.bench;

import java.util.EnumSet;
import java.util.Set;

/** What one measured operation does (see {@link HibernateOps}); every operation opens and closes its own session. */
enum Workload {

	FIND_UNIFORM( "find-uniform", "find by id, uniform ids" ),
	FIND_ZIPF( "find-zipf", "find by id, Zipf-skewed ids" ),
	GRAPH( "graph", "entity graph: product, its supplier, its 3 cached reviews" ),
	QUERY( "query", "cached query: 5 products of a supplier" ),
	FIND_NATURAL_CACHED( "find-nid-entity", "find by id of an entity with a cached natural id (Account)" ),
	NATURAL_ID( "natural-id", "natural-id lookup (Account by email)" ),
	FIND_MULTIPLE( "find-multiple", "Session.findMultiple of 10 random ids" ),
	UPDATE( "update", "read-write update: find, change stock, commit" ),
	/** Issue 7's hot-key read: a few ids take most reads, so a near cache can serve them from the heap. */
	ZIPF( "zipf", "hot keys: find by id in a transaction, Zipf(1.0) ids" );

	final String id;
	final String title;

	Workload(String id, String title) {
		this.id = id;
		this.title = title;
	}

	/** The find-by-id hit workloads, which the raw Jedis GET floor mirrors. */
	boolean isFind() {
		return this == FIND_UNIFORM || this == FIND_ZIPF;
	}

	static Set<Workload> parse(String list) {
		Set<Workload> set = EnumSet.noneOf( Workload.class );
		for ( String part : list.split( "," ) ) {
			set.add( byId( part.trim() ) );
		}
		return set;
	}

	static Workload byId(String id) {
		for ( Workload w : values() ) {
			if ( w.id.equals( id ) ) {
				return w;
			}
		}
		throw new BenchOptions.UsageException( "unknown workload '" + id + "'" );
	}
}
