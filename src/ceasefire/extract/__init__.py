"""What happened and who says so: events, claims and their helpers."""
