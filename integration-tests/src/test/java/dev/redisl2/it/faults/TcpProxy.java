package dev.redisl2.it.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a Redis, for one node's view of the network:
 * <ul>
 *   <li>{@link #cut()}: every connection is closed and new ones are closed on arrival (the node sees
 *       "connection reset" at once, as when Redis is down or a firewall rejects);</li>
 *   <li>{@link #blackhole()}: connections stay open but no byte moves either way, and new ones are accepted
 *       and left silent (the node sees timeouts, as in a network partition); bytes sent meanwhile are
 *       delivered after {@link #restore()}, as TCP retransmission would;</li>
 *   <li>{@link #restore()}: traffic flows again.</li>
 * </ul>
 */
final class TcpProxy implements AutoCloseable {

	private enum Mode { OPEN, CUT, BLACKHOLE }

	private final int targetPort;
	private final ServerSocket server;
	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
	private final Object gate = new Object();
	private volatile Mode mode = Mode.OPEN;
	private volatile boolean closed;

	TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket();
		server.bind( new InetSocketAddress( InetAddress.getLoopbackAddress(), 0 ) );
		Thread acceptor = new Thread( this::acceptLoop, "tcp-proxy-accept-" + port() );
		acceptor.setDaemon( true );
		acceptor.start();
	}

	int port() {
		return server.getLocalPort();
	}

	String url() {
		return "redis://127.0.0.1:" + port();
	}

	void cut() {
		mode = Mode.CUT;
		for ( Socket socket : sockets ) {
			closeQuietly( socket );
		}
	}

	void blackhole() {
		mode = Mode.BLACKHOLE;
	}

	void restore() {
		synchronized ( gate ) {
			mode = Mode.OPEN;
			gate.notifyAll();
		}
	}

	private void acceptLoop() {
		while ( !closed ) {
			Socket client;
			try {
				client = server.accept();
			}
			catch (IOException e) {
				return;
			}
			if ( mode == Mode.CUT ) {
				closeQuietly( client );
				continue;
			}
			Thread opener = new Thread( () -> connect( client ), "tcp-proxy-conn" );
			opener.setDaemon( true );
			opener.start();
		}
	}

	private void connect(Socket client) {
		sockets.add( client );
		if ( !awaitOpen() ) {
			closeQuietly( client );
			return;
		}
		Socket upstream;
		try {
			upstream = new Socket( InetAddress.getLoopbackAddress(), targetPort );
		}
		catch (IOException e) {
			closeQuietly( client );
			return;
		}
		sockets.add( upstream );
		pump( client, upstream );
		pump( upstream, client );
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread( () -> {
			byte[] buffer = new byte[16 * 1024];
			try ( InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream() ) {
				int n;
				while ( ( n = in.read( buffer ) ) >= 0 ) {
					if ( !awaitOpen() ) {
						break;
					}
					out.write( buffer, 0, n );
					out.flush();
				}
			}
			catch (IOException e) {
				// either side went away
			}
			finally {
				closeQuietly( from );
				closeQuietly( to );
			}
		}, "tcp-proxy-pump" );
		thread.setDaemon( true );
		thread.start();
	}

	/** Holds a byte stream while the proxy is a black hole; false when the proxy was cut or closed meanwhile. */
	private boolean awaitOpen() {
		synchronized ( gate ) {
			while ( mode == Mode.BLACKHOLE && !closed ) {
				try {
					gate.wait( 50 );
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return mode == Mode.OPEN && !closed;
	}

	private void closeQuietly(Socket socket) {
		sockets.remove( socket );
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// already closed
		}
	}

	@Override
	public void close() {
		closed = true;
		try {
			server.close();
		}
		catch (IOException ignored) {
			// already closed
		}
		for ( Socket socket : sockets ) {
			closeQuietly( socket );
		}
	}
}
