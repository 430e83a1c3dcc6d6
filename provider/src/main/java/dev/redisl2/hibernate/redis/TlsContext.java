package dev.redisl2.hibernate.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.hibernate.config.InvalidSettingException;
import dev.redisl2.hibernate.config.SecuritySettings;

import redis.clients.jedis.DefaultJedisClientConfig;

/**
 * TLS for {@code rediss://}: the trust store (and optional client key store) of the settings, or the
 * JVM's defaults, and host name verification unless switched off. A store that cannot be opened fails
 * the bootstrap naming its setting; the message never quotes a password.
 */
final class TlsContext {

	private TlsContext() {
	}

	static void configure(DefaultJedisClientConfig.Builder builder, SecuritySettings security) {
		SSLParameters parameters = new SSLParameters();
		if ( security.verifyHostname() ) {
			parameters.setEndpointIdentificationAlgorithm( "HTTPS" );
		}
		builder.sslParameters( parameters );
		if ( security.trustStore() == null && security.keyStore() == null ) {
			return;
		}
		try {
			TrustManagerFactory trust = null;
			if ( security.trustStore() != null ) {
				trust = TrustManagerFactory.getInstance( TrustManagerFactory.getDefaultAlgorithm() );
				trust.init( load( RedisCacheSettings.TLS_TRUSTSTORE, security.trustStore(), security.trustStoreType(),
						security.trustStorePassword() ) );
			}
			KeyManagerFactory keys = null;
			if ( security.keyStore() != null ) {
				keys = KeyManagerFactory.getInstance( KeyManagerFactory.getDefaultAlgorithm() );
				char[] password = chars( security.keyStorePassword() );
				keys.init( load( RedisCacheSettings.TLS_KEYSTORE, security.keyStore(), security.keyStoreType(),
						security.keyStorePassword() ), password );
			}
			SSLContext context = SSLContext.getInstance( "TLS" );
			context.init( keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null );
			builder.sslSocketFactory( context.getSocketFactory() );
		}
		catch (GeneralSecurityException e) {
			String setting = security.keyStore() != null ? RedisCacheSettings.TLS_KEYSTORE : RedisCacheSettings.TLS_TRUSTSTORE;
			throw new InvalidSettingException( setting, "cannot build a TLS context (" + e.getClass().getSimpleName() + ")" );
		}
	}

	private static KeyStore load(String setting, java.nio.file.Path path, String type, String password) {
		try ( InputStream in = Files.newInputStream( path ) ) {
			KeyStore store = KeyStore.getInstance( type );
			store.load( in, chars( password ) );
			return store;
		}
		catch (IOException | GeneralSecurityException e) {
			// IOException is what a wrong password looks like; its message holds no secret, but say it plainly
			throw new InvalidSettingException( setting, "cannot open " + type + " store '" + path
					+ "' (wrong password or type?): " + e.getClass().getSimpleName() );
		}
	}

	private static char[] chars(String password) {
		return password == null ? null : password.toCharArray();
	}
}
