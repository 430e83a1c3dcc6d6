package dev.redisl2.hibernate.region;

import java.nio.charset.StandardCharsets;

/**
 * A region's generation and bulk-lock state as {@code region.lua} keeps it. Every read of an entry
 * fetches this state in the same round trip, so a node never acts on an outdated generation when it
 * serves an entry.
 */
public record RegionState(long generation, long locks, long lockedUntil, long invalidatedAt) {

	/** Parses the stored text; null when absent or unreadable. */
	public static RegionState parse(byte[] raw) {
		if ( raw == null ) {
			return null;
		}
		String[] f = new String( raw, StandardCharsets.US_ASCII ).trim().split( " " );
		if ( f.length != 4 ) {
			return null;
		}
		try {
			return new RegionState( Long.parseLong( f[0] ), Long.parseLong( f[1] ), Long.parseLong( f[2] ),
					Long.parseLong( f[3] ) );
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	/**
	 * May a load that began at {@code txTimestamp} be cached now? Not while a bulk operation holds the
	 * region, and only if it began after the region was last emptied (or after a lock that was never
	 * released expired).
	 */
	public boolean admitsLoad(long txTimestamp, long now) {
		if ( locks > 0 ) {
			if ( now <= lockedUntil ) {
				return false;
			}
			return txTimestamp > Math.max( invalidatedAt, lockedUntil );
		}
		return txTimestamp > invalidatedAt;
	}
}
