package dev.redisl2.it.explorer;

/**
 * One scheduling choice of the explorer, in a text form that a replayed test spells out:
 * {@code begin <node> <session kind> <RC|RR>}, {@code step <session> <choice 0-9>}, {@code tick <µs>},
 * {@code evict <0 entry|1 region state>}, {@code flushall}, {@code learn <node>}, {@code failover <node>},
 * {@code evictAll <node>}, {@code remove <node>}.
 */
record Action(String verb, String a, String b, String c) {

	static Action of(String text) {
		String[] w = text.trim().split( " " );
		return new Action( w[0], w.length > 1 ? w[1] : "", w.length > 2 ? w[2] : "", w.length > 3 ? w[3] : "" );
	}

	int intA() {
		return Integer.parseInt( a );
	}

	int intB() {
		return Integer.parseInt( b );
	}

	@Override
	public String toString() {
		return ( verb + " " + a + " " + b + " " + c ).trim();
	}
}
