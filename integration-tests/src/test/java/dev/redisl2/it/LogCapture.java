package dev.redisl2.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Copies everything written to {@code System.err} (where slf4j-simple prints, and so every provider and
 * Hibernate log line) while it is open, and still lets it through.
 */
public final class LogCapture implements AutoCloseable {

	private final PrintStream original = System.err;
	private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

	private LogCapture() {
		OutputStream tee = new OutputStream() {
			@Override
			public void write(int b) {
				original.write( b );
				synchronized ( copy ) {
					copy.write( b );
				}
			}

			@Override
			public void write(byte[] b, int off, int len) {
				original.write( b, off, len );
				synchronized ( copy ) {
					copy.write( b, off, len );
				}
			}
		};
		System.setErr( new PrintStream( tee, true, StandardCharsets.UTF_8 ) );
	}

	public static LogCapture start() {
		return new LogCapture();
	}

	public String text() {
		synchronized ( copy ) {
			return copy.toString( StandardCharsets.UTF_8 );
		}
	}

	public List<String> lines() {
		return Arrays.stream( text().split( "\\R" ) ).filter( line -> !line.isBlank() ).toList();
	}

	/** Lines at the given level (WARN, INFO, ...) that contain {@code text}. */
	public List<String> lines(String level, String text) {
		return lines().stream().filter( line -> line.contains( "[" + level + "]" ) && line.contains( text ) ).toList();
	}

	@Override
	public void close() {
		System.setErr( original );
	}
}
