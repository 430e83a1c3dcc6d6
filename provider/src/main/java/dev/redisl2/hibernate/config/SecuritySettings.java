package dev.redisl2.hibernate.config;

import java.nio.file.Path;

/**
 * Credentials and TLS material. {@link #toString()} never shows a password: a settings object that ends
 * up in a log line or an exception message must not carry a secret with it.
 *
 * @param user ACL user, or null for the {@code default} user
 * @param password password, or null when Redis asks for none
 * @param trustStore trust store for the server certificate, or null for the JVM's own
 * @param keyStore key store with a client certificate, or null when Redis asks for none
 * @param verifyHostname whether the server certificate must name the host connected to
 */
public record SecuritySettings(String user, String password,
		Path trustStore, String trustStorePassword, String trustStoreType,
		Path keyStore, String keyStorePassword, String keyStoreType,
		boolean verifyHostname) {

	@Override
	public String toString() {
		return "SecuritySettings[user=" + user + ", password=" + ( password == null ? "none" : "****" )
				+ ", trustStore=" + trustStore + " (" + trustStoreType + "), keyStore=" + keyStore + " (" + keyStoreType
				+ "), verifyHostname=" + verifyHostname + "]";
	}
}
