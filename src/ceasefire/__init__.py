"""ceasefire: conflict news to structured, sourced event data and a ledger of contested claims."""

__version__ = "0.1.0"
