package dev.redisl2.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Runs one operation on N threads for a fixed time and records every operation's latency. Each thread
 * has its own random generator and histogram; nothing is shared on the measured path but a volatile
 * stop flag.
 */
final class Measure {

	/** What a workload does once; the result is folded into a sink so that nothing is optimised away. */
	@FunctionalInterface
	interface Op {
		long run(SplittableRandom random) throws Exception;
	}

	/** One run: operations completed, failed ones, wall time and latencies (ns) of the completed ones. */
	record Sample(long ops, long errors, long nanos, Histogram latencies, Throwable firstError) {

		double opsPerSecond() {
			return nanos == 0 ? 0 : ops * 1e9 / nanos;
		}
	}

	private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos( 60 );
	private static volatile long sink;

	private Measure() {
	}

	/** Runs for {@code millis}. */
	static Sample run(Op op, int threads, long millis, long seed) {
		return run( op, threads, millis, Long.MAX_VALUE, seed );
	}

	/** Runs until each thread has done {@code opsPerThread} operations (attempts), e.g. to warm the JIT. */
	static Sample runOps(Op op, int threads, long opsPerThread, long seed) {
		return run( op, threads, 0, opsPerThread, seed );
	}

	private static Sample run(Op op, int threads, long millis, long opsPerThread, long seed) {
		CountDownLatch start = new CountDownLatch( 1 );
		Flag stop = new Flag();
		List<Worker> workers = new ArrayList<>();
		for ( int t = 0; t < threads; t++ ) {
			Worker worker = new Worker( op, start, stop, new SplittableRandom( seed * 1_000_003L + t ), opsPerThread );
			worker.setName( "bench-" + t );
			worker.setDaemon( true );
			workers.add( worker );
			worker.start();
		}
		long begin = System.nanoTime();
		start.countDown();
		if ( opsPerThread == Long.MAX_VALUE ) {
			sleep( millis );
			stop.set = true;
		}
		long ops = 0;
		long errors = 0;
		long end = begin;
		Throwable firstError = null;
		Histogram all = new Histogram( MAX_LATENCY_NANOS, 3 );
		for ( Worker worker : workers ) {
			try {
				worker.join();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException( e );
			}
			ops += worker.ops;
			errors += worker.errors;
			end = Math.max( end, worker.endNanos );
			all.add( worker.latencies );
			if ( firstError == null ) {
				firstError = worker.firstError;
			}
		}
		return new Sample( ops, errors, end - begin, all, firstError );
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException( e );
		}
	}

	private static final class Flag {
		volatile boolean set;
	}

	private static final class Worker extends Thread {

		private final Op op;
		private final CountDownLatch start;
		private final Flag stop;
		private final SplittableRandom random;
		private final long limit;
		final Histogram latencies = new Histogram( MAX_LATENCY_NANOS, 3 );
		long ops;
		long errors;
		long endNanos;
		Throwable firstError;

		Worker(Op op, CountDownLatch start, Flag stop, SplittableRandom random, long limit) {
			this.op = op;
			this.start = start;
			this.stop = stop;
			this.random = random;
			this.limit = limit;
		}

		@Override
		public void run() {
			try {
				start.await();
			}
			catch (InterruptedException e) {
				return;
			}
			long local = 0;
			while ( !stop.set && ops + errors < limit ) {
				long t0 = System.nanoTime();
				try {
					local += op.run( random );
					latencies.recordValue( Math.min( System.nanoTime() - t0, MAX_LATENCY_NANOS ) );
					ops++;
				}
				catch (Exception | AssertionError e) {
					// counted apart (e.g. optimistic-lock conflicts of the update workload)
					errors++;
					if ( firstError == null ) {
						firstError = e;
					}
				}
			}
			endNanos = System.nanoTime();
			sink += local;
		}
	}
}
