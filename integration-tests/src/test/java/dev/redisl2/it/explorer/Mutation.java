package dev.redisl2.it.explorer;

/** A textual edit of entry.lua: {@code find} must occur exactly once in today's script. */
record Mutation(String name, String find, String replace) {

	boolean appliesOnceTo(String script) {
		int at = script.indexOf( find );
		return at >= 0 && script.indexOf( find, at + 1 ) < 0;
	}

	String applyTo(String script) {
		int at = script.indexOf( find );
		if ( at < 0 || script.indexOf( find, at + 1 ) >= 0 ) {
			throw new IllegalStateException( "mutation '" + name + "': the text to replace must occur exactly once in entry.lua: " + find );
		}
		return script.substring( 0, at ) + replace + script.substring( at + find.length() );
	}
}
