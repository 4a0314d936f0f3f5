"""Charts for assistive technology, as Chromium exposes them (Playwright + the
DevTools protocol's ``Accessibility.getFullAXTree``): each chart is one image
whose name is its title and whose description is its ``<desc>``, once; the
drawing's marks, ticks and tooltips stay out of the accessibility tree (the
data table in ``<details>`` carries the numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import chromium

pytestmark = pytest.mark.browser


@pytest.fixture
def page_url(build_root) -> str:
    app = build_root("plotly-sphinx-charts")
    return (Path(app.outdir) / "validation.html").as_uri()


def _tree(url: str) -> list[dict]:
    with chromium("the accessibility tree is read from the system Chromium") as browser:
        page = browser.new_page()
        page.goto(url, wait_until="load")
        session = page.context.new_cdp_session(page)
        session.send("Accessibility.enable")
        return session.send("Accessibility.getFullAXTree")["nodes"]


def _value(node: dict, key: str) -> str:
    return str((node.get(key) or {}).get("value", ""))


def _descendants(nodes_by_id: dict[str, dict], node: dict) -> list[dict]:
    found = []
    for child_id in node.get("childIds", []):
        child = nodes_by_id.get(child_id)
        if child is not None:
            found.append(child)
            found.extend(_descendants(nodes_by_id, child))
    return found


def test_each_chart_is_one_image_named_by_its_title_and_described_once(page_url):
    nodes = _tree(page_url)
    by_id = {node["nodeId"]: node for node in nodes}
    images = [node for node in nodes if not node.get("ignored") and _value(node, "role") == "image"]
    names = [_value(node, "name") for node in images]
    assert names == ["Bars and a scatter on the same axes.", "Spectra premultiplied by k_1 z, see es-flow."]
    for image in images:
        description = _value(image, "description")
        assert description  # the <desc>: the data in words
        assert description not in _value(image, "name")  # not read twice
        exposed = [node for node in _descendants(by_id, image) if not node.get("ignored")]
        assert exposed == [], [(_value(n, "role"), _value(n, "name")) for n in exposed]
    # the numbers stay reachable: the data table in <details>
    assert any(_value(node, "role") == "DisclosureTriangle" or "Données du graphique" in _value(node, "name")
               for node in nodes if not node.get("ignored"))
