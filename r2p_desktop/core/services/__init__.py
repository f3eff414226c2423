"""Use cases: each takes a session and plain arguments and returns plain values.

The GUI and the `r2p` command call these; neither builds queries of its own."""
