package dev.redisl2.hibernate.region;

import java.time.Duration;

import dev.redisl2.hibernate.near.NearCache;

/**
 * One region's hot-key options (see {@code HotKeySettings}).
 *
 * @param near the region's near cache, or null
 * @param singleFlightWait how long a miss waits for another session's load; zero: off
 * @param earlyExpirationBeta XFetch's beta; zero: off
 */
public record HotKeys(NearCache near, Duration singleFlightWait, double earlyExpirationBeta) {

	public static final HotKeys NONE = new HotKeys( null, Duration.ZERO, 0 );

	public boolean singleFlight() {
		return !singleFlightWait.isZero();
	}

	public boolean earlyExpiration() {
		return earlyExpirationBeta > 0;
	}
}
