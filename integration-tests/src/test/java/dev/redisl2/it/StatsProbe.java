package dev.redisl2.it;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.stat.Statistics;

/**
 * Differences of one node's Hibernate statistics since the probe was taken:
 * {@code StatsProbe p = StatsProbe.of(a); ...work...; assertEquals(0, p.sql());}
 */
public final class StatsProbe {

	private final Statistics s;
	private final long l2Hits, l2Misses, l2Puts, sql, queryHits, queryMisses, queryPuts,
			naturalIdHits, naturalIdMisses, naturalIdPuts, entityLoads, collectionLoads;

	private StatsProbe(Statistics s) {
		this.s = s;
		l2Hits = s.getSecondLevelCacheHitCount();
		l2Misses = s.getSecondLevelCacheMissCount();
		l2Puts = s.getSecondLevelCachePutCount();
		sql = s.getPrepareStatementCount();
		queryHits = s.getQueryCacheHitCount();
		queryMisses = s.getQueryCacheMissCount();
		queryPuts = s.getQueryCachePutCount();
		naturalIdHits = s.getNaturalIdCacheHitCount();
		naturalIdMisses = s.getNaturalIdCacheMissCount();
		naturalIdPuts = s.getNaturalIdCachePutCount();
		entityLoads = s.getEntityLoadCount();
		collectionLoads = s.getCollectionLoadCount();
	}

	public static StatsProbe of(EntityManagerFactory emf) {
		return new StatsProbe(TwoNodes.stats(emf));
	}

	public long l2Hits() {
		return s.getSecondLevelCacheHitCount() - l2Hits;
	}

	public long l2Misses() {
		return s.getSecondLevelCacheMissCount() - l2Misses;
	}

	public long l2Puts() {
		return s.getSecondLevelCachePutCount() - l2Puts;
	}

	/** JDBC statements prepared: 0 means the database was not asked at all. */
	public long sql() {
		return s.getPrepareStatementCount() - sql;
	}

	public long queryHits() {
		return s.getQueryCacheHitCount() - queryHits;
	}

	public long queryMisses() {
		return s.getQueryCacheMissCount() - queryMisses;
	}

	public long queryPuts() {
		return s.getQueryCachePutCount() - queryPuts;
	}

	public long naturalIdHits() {
		return s.getNaturalIdCacheHitCount() - naturalIdHits;
	}

	public long naturalIdMisses() {
		return s.getNaturalIdCacheMissCount() - naturalIdMisses;
	}

	public long naturalIdPuts() {
		return s.getNaturalIdCachePutCount() - naturalIdPuts;
	}

	public long entityLoads() {
		return s.getEntityLoadCount() - entityLoads;
	}

	public long collectionLoads() {
		return s.getCollectionLoadCount() - collectionLoads;
	}

	@Override
	public String toString() {
		return "L2 hits=" + l2Hits() + " misses=" + l2Misses() + " puts=" + l2Puts()
				+ ", query hits=" + queryHits() + " misses=" + queryMisses() + " puts=" + queryPuts()
				+ ", natural-id hits=" + naturalIdHits() + " misses=" + naturalIdMisses() + " puts=" + naturalIdPuts()
				+ ", entity loads=" + entityLoads() + ", collection loads=" + collectionLoads()
				+ ", SQL=" + sql();
	}
}
