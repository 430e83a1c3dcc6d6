package dev.redisl2.it.explorer;

import java.util.ArrayList;
import java.util.List;

/**
 * The database as the oracle knows it: one row (an entity, or a collection with its owner's version), every
 * committed state with the model time its commit finished, snapshots for REPEATABLE READ, and the row lock
 * that makes concurrent writers wait.
 */
final class DatabaseModel {

	/** A committed state: for a collection, version is the owner's version and data the collection's contents. */
	record Row(boolean exists, long version, int data) {
	}

	/** exposed: committed by a writer whose cache lock had timed out, until its release reaches Redis. */
	private record Commit(Row row, long at, boolean[] exposed) {
	}

	private final List<Commit> history = new ArrayList<>();
	private int writer = -1;
	private Row pending;
	private int nextData = 1;
	private long lastVersion;

	DatabaseModel(boolean exists) {
		history.add( new Commit( new Row( exists, 0, 0 ), Long.MIN_VALUE, new boolean[1] ) );
	}

	int latest() {
		return history.size() - 1;
	}

	Row committed() {
		return history.get( latest() ).row();
	}

	/** What a statement reads: the latest commit (READ COMMITTED) or the session's snapshot (REPEATABLE READ). */
	Row read(int snapshot) {
		return snapshot < 0 ? committed() : history.get( snapshot ).row();
	}

	int freshData() {
		return nextData++;
	}

	long freshVersion() {
		lastVersion = Math.max( lastVersion, committed().version() ) + 1;
		return lastVersion;
	}

	/** Takes the row lock; false while another session holds it (the statement waits). */
	boolean lockRow(int session) {
		if ( writer != -1 && writer != session ) {
			return false;
		}
		writer = session;
		return true;
	}

	boolean rowLockedByOther(int session) {
		return writer != -1 && writer != session;
	}

	void write(Row row) {
		pending = row;
	}

	/** Commits the session's write; returns its index (or -1 when it wrote nothing). */
	int commit(int session, long at, boolean lockTimedOut) {
		int index = -1;
		if ( writer == session && pending != null ) {
			history.add( new Commit( pending, at, new boolean[] { lockTimedOut } ) );
			index = latest();
		}
		release( session );
		return index;
	}

	/** The writer's release (or unlockRegion) reached Redis: its commit is guarded again. */
	void settled(int index) {
		if ( index > 0 ) {
			history.get( index ).exposed()[0] = false;
		}
	}

	void release(int session) {
		if ( writer == session ) {
			writer = -1;
			pending = null;
		}
	}

	/**
	 * The newest commit that finished before model time t, but none from the first commit on whose writer
	 * outlived its lock timeout and has not released yet: a lock protects only until its timeout
	 * (docs/consistency.md, 1).
	 */
	int newestBefore(long t) {
		int i = latest();
		while ( i > 0 && history.get( i ).at() >= t ) {
			i--;
		}
		// the stale value such a writer let in may hide the commits after its own too, until it releases
		for ( int j = 1; j <= i; j++ ) {
			if ( history.get( j ).exposed()[0] ) {
				return j - 1;
			}
		}
		return i;
	}

	/** Whether some committed state from index {@code from} on shows exactly what was served. */
	boolean shows(int from, Long version, int data, boolean compareVersion) {
		for ( int i = from; i < history.size(); i++ ) {
			Row r = history.get( i ).row();
			if ( r.exists() && r.data() == data && ( !compareVersion || version == null || version == r.version() ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * After quiescence: whether a cached value shows the latest state, or a state that a load which began at
	 * model time {@code loadedAt} could still cache because the next commit finished within the clock
	 * tolerance after that (the documented skew exposure of timestamp-decided data, docs/consistency.md).
	 */
	boolean showsAtQuiescence(Long version, int data, boolean compareVersion, long loadedAt, long tolerance) {
		for ( int i = history.size() - 1; i >= 0; i-- ) {
			Row r = history.get( i ).row();
			boolean same = r.exists() && r.data() == data && ( !compareVersion || version == null || version == r.version() );
			if ( same && ( i == latest() || history.get( i + 1 ).at() < loadedAt + tolerance ) ) {
				return true;
			}
		}
		return false;
	}

	String describe() {
		StringBuilder s = new StringBuilder();
		for ( int i = 0; i < history.size(); i++ ) {
			Commit c = history.get( i );
			s.append( "#" ).append( i ).append( c.row().exists() ? " v" + c.row().version() + " d" + c.row().data() : " (absent)" )
					.append( i == 0 ? "" : " at " + c.at() ).append( "; " );
		}
		return s.toString();
	}
}
