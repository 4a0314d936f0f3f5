"""What other layers may ask about the editorial layer.

A release leaves data-needed markers, review notes and the editorial report
out of every output (:mod:`.gate`). A layer that records places on a page,
or links to them (the citations' backlinks and cards), asks here which
places the build's editorial mode removes, rather than knowing the editorial
nodes: :func:`hidden_by_mode`. The answer depends only on the node and on
``editorial_mode``, an ``env`` setting (changing it reads every page again),
so it may be asked while a page is read, in any reading process.
"""

from __future__ import annotations

from docutils import nodes

from . import editorial_nodes as ed

MODES = ("review", "release")


def mode(config) -> str:
    """``"release"`` or ``"review"`` (the default, also where the editorial layer is not loaded)."""
    return "release" if getattr(config, "editorial_mode", "review") == "release" else "review"


def mode_hides_anything(config) -> bool:
    """Whether :func:`hidden_by_mode` can answer True in this build (a release):
    a caller walking a whole page may skip the walk otherwise."""
    return mode(config) == "release"


def hidden_by_mode(config, node: nodes.Node) -> bool:
    """Whether the build's editorial mode leaves *node* out of every output:
    in a release, a marker, a review note or the report, and anything inside one."""
    if not mode_hides_anything(config):
        return False
    current: nodes.Node | None = node
    while current is not None:
        if isinstance(current, ed.HIDDEN_IN_RELEASE):
            return True
        current = current.parent
    return False
