"""What a clerk can do with the committee's records, without Qt: each use case opens its own session,
commits, turns database errors into the one kind of error the window shows (`core.errors.R2PError`,
`ValidationError` naming each field), and returns the `Changes` it made, from which every view
refreshes. The window calls these; it does not open sessions to save or delete."""
