"""Resolution of mentions to actors and places."""
