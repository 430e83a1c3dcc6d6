package dev.redisl2.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Heap bytes per near-cache entry, measured as a difference of differences so that whatever else a
 * SessionFactory keeps on the heap cancels out: redisl2 with the near cache, and without it (before and
 * after, the smaller growth counts), each get a fresh SessionFactory and redis-server, read a few products
 * (class loading, lazy state), then the used heap after full GCs is taken before and after every other
 * product is read three times (database to Redis, Redis to the near cache, a near-cache hit). The growth of
 * the near-cache SessionFactory less the growth of the plain one, divided by the number of products the near
 * cache then serves without a Redis round trip, is the cost of one entry: key, value and the near cache's
 * own bookkeeping.
 *
 * <p>Run it after the measured cells: by then every product has been read from the database by every
 * configuration, so the database's own caches no longer grow and cannot count for either side.
 */
record NearCacheMemory(String db, int products, int warmProducts, long plainGrowthBytes, long nearGrowthBytes,
		int heldEntries) {

	/** Products read before the "before" snapshot, so that one-off allocations fall outside the window. */
	private static final int WARM = 200;

	double bytesPerEntry() {
		return heldEntries == 0 ? Double.NaN : ( nearGrowthBytes - plainGrowthBytes ) / (double) heldEntries;
	}

	String describe() {
		return String.format( Locale.ROOT, "%s bytes per entry (%,d products read into fresh SessionFactories: heap growth "
						+ "%,d bytes with the near cache, %,d bytes without; %,d of %,d products then served with no Redis round trip)",
				Double.isNaN( bytesPerEntry() ) ? "—" : String.format( Locale.ROOT, "%,.0f", bytesPerEntry() ),
				products - warmProducts, nearGrowthBytes, plainGrowthBytes, heldEntries, products - warmProducts );
	}

	static NearCacheMemory measure(Database db, Database.Dataset data, Keys zipf, Keys hot, Consumer<String> log) {
		int warm = Math.min( WARM, data.rows / 10 );
		long plain = plainGrowth( db, data, zipf, hot, warm );
		long near;
		int held = 0;
		try ( Contender c = Contender.start( ContenderKind.REDISL2_NEAR, db, data, zipf, hot, 0, 1 ) ) {
			near = growth( c, data.rows, warm );
			for ( long id = warm + 1; id <= data.rows; id++ ) {
				long before = c.clientRoundTrips();
				c.ops().find( id );
				if ( c.clientRoundTrips() == before ) {
					held++;
				}
			}
		}
		// the first SessionFactory of a JVM to do this can grow by some 500 KB of one-off state: the less of two
		plain = Math.min( plain, plainGrowth( db, data, zipf, hot, warm ) );
		NearCacheMemory m = new NearCacheMemory( db.label, data.rows, warm, plain, near, held );
		log.accept( "  near-cache memory: " + m.describe() );
		return m;
	}

	private static long plainGrowth(Database db, Database.Dataset data, Keys zipf, Keys hot, int warm) {
		try ( Contender c = Contender.start( ContenderKind.REDISL2_RO, db, data, zipf, hot, 0, 1 ) ) {
			return growth( c, data.rows, warm );
		}
	}

	private static long growth(Contender c, int rows, int warm) {
		for ( int pass = 0; pass < 3; pass++ ) {
			for ( long id = 1; id <= warm; id++ ) {
				c.ops().find( id );
			}
		}
		long before = usedHeapAfterGc();
		for ( int pass = 0; pass < 3; pass++ ) {
			for ( long id = warm + 1; id <= rows; id++ ) {
				c.ops().find( id );
			}
		}
		return usedHeapAfterGc() - before;
	}

	/** The least used heap seen over three full collections (System.gc() is a full, stop-the-world GC on G1). */
	static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long least = Long.MAX_VALUE;
		for ( int i = 0; i < 3; i++ ) {
			System.gc();
			try {
				Thread.sleep( 100 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException( e );
			}
			least = Math.min( least, memory.getHeapMemoryUsage().getUsed() );
		}
		return least;
	}
}
