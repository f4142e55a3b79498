"""One module per ``ceasefire`` command (or group of commands); each has ``register(app)``."""
