package dev.redisl2.hibernate.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import redis.clients.jedis.HostAndPort;

/**
 * Where Redis is and how to reach it. Credentials, TLS and the database number always come from the
 * URL (for Cluster and Sentinel the URL's host part is ignored).
 *
 * @param failoverCheckInterval how often a Cluster or Sentinel deployment is checked for a replaced primary
 */
public record Topology(Kind kind, URI url, List<HostAndPort> nodes, String sentinelMaster, Duration failoverCheckInterval) {

	public enum Kind { STANDALONE, CLUSTER, SENTINEL }

	public boolean tls() {
		return "rediss".equals( url.getScheme() );
	}

	/** The user part of the URL's user info, or null. */
	public String user() {
		String info = url.getRawUserInfo();
		if ( info == null || !info.contains( ":" ) ) {
			return null;
		}
		String user = decode( info.substring( 0, info.indexOf( ':' ) ) );
		return user.isEmpty() ? null : user;
	}

	/** The password part of the URL's user info (a bare user info is a password, as Redis URLs allow), or null. */
	public String password() {
		String info = url.getRawUserInfo();
		if ( info == null ) {
			return null;
		}
		return decode( info.contains( ":" ) ? info.substring( info.indexOf( ':' ) + 1 ) : info );
	}

	public int database() {
		String path = url.getPath();
		return path == null || path.length() <= 1 ? 0 : Integer.parseInt( path.substring( 1 ) );
	}

	/** The URL without user info, safe to log. */
	public String describe() {
		String endpoint = switch ( kind ) {
			case STANDALONE -> url.getHost() + ":" + ( url.getPort() < 0 ? 6379 : url.getPort() );
			case CLUSTER -> "cluster " + nodes;
			case SENTINEL -> "sentinel master '" + sentinelMaster + "' via " + nodes;
		};
		return url.getScheme() + "://" + endpoint;
	}

	private static String decode(String raw) {
		return java.net.URLDecoder.decode( raw, java.nio.charset.StandardCharsets.UTF_8 );
	}

	/** Without the URL's user info: a topology printed anywhere must not print a password. */
	@Override
	public String toString() {
		return describe();
	}
}
