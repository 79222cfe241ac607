"""What a person reads: the rapporteur's report (Markdown, HTML) and the self-contained explorer page.

Both are templates over a ``Map``: every sentence is fixed wording around the map's own names and the
record's own words, and cites the claims it rests on. Nothing is generated freely, nothing reconciled.
"""

from rapporteur.render.explorer import explorer
from rapporteur.render.report import report

__all__ = ["explorer", "report"]
