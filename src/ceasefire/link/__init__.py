"""The link stage: across articles, event reports become incidents, their figures and disputes.

- :func:`link_documents` clusters documents' event reports into incidents, in memory;
- :func:`find_disputes` finds stance and figures disputes in incidents;
- :func:`update_incidents` links newly stored articles into the incidents of a store.
"""

from ceasefire.link.cluster import Linker, link_documents
from ceasefire.link.disputes import find_disputes
from ceasefire.link.models import Dispute, Figure, FigureSummary, Incident
from ceasefire.link.store import link_pending, load_disputes, load_incidents, relink_all, update_incidents

__all__ = [
    "Dispute",
    "Figure",
    "FigureSummary",
    "Incident",
    "Linker",
    "find_disputes",
    "link_documents",
    "link_pending",
    "load_disputes",
    "load_incidents",
    "relink_all",
    "update_incidents",
]
