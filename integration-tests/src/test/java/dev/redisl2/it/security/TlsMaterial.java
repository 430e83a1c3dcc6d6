package dev.redisl2.it.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway certificates made with openssl at test time, in a temporary directory: a CA, a server
 * certificate it signed for {@code IP:127.0.0.1} only, a client certificate it signed (for Redis's
 * {@code tls-auth-clients}), and an unrelated CA. Trust and key stores for Java are PKCS12 files.
 */
final class TlsMaterial {

	final Path dir;
	final Path caCert;
	final Path serverCert;
	final Path serverKey;

	private TlsMaterial(Path dir) {
		this.dir = dir;
		this.caCert = dir.resolve( "ca.crt" );
		this.serverCert = dir.resolve( "server.crt" );
		this.serverKey = dir.resolve( "server.key" );
	}

	static TlsMaterial create() throws IOException, InterruptedException {
		TlsMaterial tls = new TlsMaterial( Files.createTempDirectory( "redisl2-tls-" ) );
		tls.openssl( "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
				"-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=redisl2 test CA", "-days", "2" );
		tls.openssl( "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
				"-keyout", "rogue.key", "-out", "rogue.crt", "-subj", "/CN=some other CA", "-days", "2" );
		Files.writeString( tls.dir.resolve( "server.ext" ), "subjectAltName=IP:127.0.0.1\n" );
		tls.openssl( "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
				"-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=redisl2 test server" );
		tls.openssl( "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
				"-out", "server.crt", "-days", "2", "-extfile", "server.ext" );
		Files.writeString( tls.dir.resolve( "client.ext" ), "extendedKeyUsage=clientAuth\n" );
		tls.openssl( "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
				"-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=redisl2 test client" );
		tls.openssl( "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
				"-out", "client.crt", "-days", "2", "-extfile", "client.ext" );
		return tls;
	}

	/** Whether openssl can be run here at all. */
	static boolean opensslAvailable() {
		try {
			return new ProcessBuilder( "openssl", "version" ).redirectErrorStream( true ).start().waitFor() == 0;
		}
		catch (IOException | InterruptedException e) {
			return false;
		}
	}

	/** A PKCS12 trust store holding the test CA (or the unrelated one). */
	Path trustStore(boolean rogue, String password) throws Exception {
		KeyStore store = KeyStore.getInstance( "PKCS12" );
		store.load( null, null );
		try ( InputStream in = Files.newInputStream( dir.resolve( rogue ? "rogue.crt" : "ca.crt" ) ) ) {
			Certificate ca = CertificateFactory.getInstance( "X.509" ).generateCertificate( in );
			store.setCertificateEntry( "ca", ca );
		}
		Path path = dir.resolve( rogue ? "rogue-trust.p12" : "trust.p12" );
		try ( OutputStream out = Files.newOutputStream( path ) ) {
			store.store( out, password.toCharArray() );
		}
		return path;
	}

	/** A PKCS12 key store with the client certificate and key. */
	Path clientKeyStore(String password) throws IOException, InterruptedException {
		openssl( "pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-certfile", "ca.crt",
				"-out", "client.p12", "-passout", "pass:" + password, "-name", "client" );
		return dir.resolve( "client.p12" );
	}

	/** redis-server arguments for a TLS port (the plain port stays, for the test's own admin commands). */
	List<String> serverArgs(int tlsPort, boolean requireClientCertificates) {
		List<String> args = new ArrayList<>( List.of( "--tls-port", Integer.toString( tlsPort ),
				"--tls-cert-file", serverCert.toString(), "--tls-key-file", serverKey.toString(),
				"--tls-ca-cert-file", caCert.toString(),
				"--tls-auth-clients", requireClientCertificates ? "yes" : "no" ) );
		return args;
	}

	private void openssl(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add( "openssl" );
		command.addAll( List.of( args ) );
		Process process = new ProcessBuilder( command ).directory( dir.toFile() ).redirectErrorStream( true ).start();
		String output = new String( process.getInputStream().readAllBytes() );
		if ( !process.waitFor( 30, TimeUnit.SECONDS ) || process.exitValue() != 0 ) {
			throw new IOException( "openssl " + String.join( " ", args ) + " failed: " + output );
		}
	}

	void delete() throws IOException {
		try ( var files = Files.walk( dir ) ) {
			files.sorted( java.util.Comparator.reverseOrder() ).forEach( p -> p.toFile().delete() );
		}
	}
}
