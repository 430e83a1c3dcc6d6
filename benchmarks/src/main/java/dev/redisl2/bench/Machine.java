package dev.redisl2.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** A description of where the numbers come from: CPU, memory, OS, JVM, Redis, load. */
final class Machine {

	private Machine() {
	}

	static List<String> describe() {
		List<String> lines = new ArrayList<>();
		lines.add( "CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM" );
		lines.add( "Memory: " + memTotal() + "; JVM max heap " + Runtime.getRuntime().maxMemory() / ( 1024 * 1024 ) + " MiB" );
		lines.add( "OS: " + System.getProperty( "os.name" ) + " " + System.getProperty( "os.version" ) + " (" + System.getProperty( "os.arch" ) + ")" );
		lines.add( "Java: " + System.getProperty( "java.vm.name" ) + " " + System.getProperty( "java.runtime.version" ) );
		lines.add( "Redis: " + command( "redis-server", "--version" ) + " (one private redis-server per configuration, on loopback)" );
		return lines;
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString( Path.of( "/proc/loadavg" ) ).trim().split( "\\s+" );
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException e) {
			return "unknown";
		}
	}

	private static String cpuModel() {
		try {
			for ( String line : Files.readAllLines( Path.of( "/proc/cpuinfo" ) ) ) {
				if ( line.startsWith( "model name" ) ) {
					return line.substring( line.indexOf( ':' ) + 1 ).trim();
				}
			}
		}
		catch (IOException | RuntimeException e) {
			// not Linux
		}
		return System.getProperty( "os.arch" );
	}

	private static String memTotal() {
		try {
			for ( String line : Files.readAllLines( Path.of( "/proc/meminfo" ) ) ) {
				if ( line.startsWith( "MemTotal:" ) ) {
					long kb = Long.parseLong( line.replaceAll( "\\D", "" ) );
					return String.format( Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0 );
				}
			}
		}
		catch (IOException | RuntimeException e) {
			// not Linux
		}
		return "unknown";
	}

	private static String command(String... command) {
		try {
			Process p = new ProcessBuilder( command ).redirectErrorStream( true ).start();
			String out = new String( p.getInputStream().readAllBytes(), StandardCharsets.UTF_8 ).trim();
			p.waitFor( 5, TimeUnit.SECONDS );
			return out;
		}
		catch (IOException e) {
			return "unknown (" + e.getMessage() + ")";
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}
}
