package dev.redisl2.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition over Redis processes that are going down or coming up, where a check may throw meanwhile. */
public final class Await {

	private Await() {
	}

	/** Waits until {@code check} holds; a check that throws counts as "not yet". */
	public static void until(Duration timeout, BooleanSupplier check, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				if (check.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException e) {
				// a process is going down or coming up: look again
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException( "timed out after " + timeout.toMillis() + " ms waiting for " + what );
			}
			try {
				Thread.sleep( 50 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException( e );
			}
		}
	}
}
