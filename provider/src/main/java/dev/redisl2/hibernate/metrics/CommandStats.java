package dev.redisl2.hibernate.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Round trips of one command or script ({@code MGET}, {@code entry.lua}, ...): how many, and their total time. */
public final class CommandStats {

	private final LongAdder count = new LongAdder();
	private final LongAdder nanos = new LongAdder();

	public void record(long elapsedNanos) {
		count.increment();
		nanos.add( elapsedNanos );
	}

	public long count() {
		return count.sum();
	}

	public long totalNanos() {
		return nanos.sum();
	}
}
