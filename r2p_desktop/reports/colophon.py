"""What a pack says about itself, the same in the PDF and the HTML edition: when the record was read,
the options it was made with (pack, audience, period, filters) and the audit trail's anchor, which
`r2p check --anchor` later compares with the database to show whether the record has been rewritten."""

from __future__ import annotations

from ..core.formatting import long_date
from .pack_data import Pack


def colophon_lines(pack: Pack, edition: str) -> list[str]:
    """The colophon's sentences; `edition` names this form of the pack ("the PDF pack", …)."""
    when = pack.exported_at
    said = [f"Written by R2P Desktop as {edition} from the record as read on {long_date(when)} at {when:%H:%M} UTC."
            if when else f"Written by R2P Desktop as {edition} on {long_date(pack.today)}."]
    if pack.filters:
        said.append("Made with: " + "; ".join(f"{name}: {value}" for name, value in pack.filters) + ".")
    trail = pack.audit_trail
    if trail is not None:
        said += [f"Audit trail at export: {trail.length} entries, head {trail.short_head}.",
                 f"Anchor for r2p check --anchor: {trail}"]
    return said
