"""The two builders of a comparison, both HTML-format so both sides resolve alike.

* ``revisions-snapshot`` (the base side): reads the project, assembles and
  resolves the one-page tree, writes its blocks (:mod:`.blocks`) as JSON; no page.
* ``revisions`` (the head side): the same tree, compared with the base's
  snapshot, marked (:mod:`.mark`) and written as one page,
  ``<folder of root_doc>/modifications.html``, with ``changes.json`` beside
  the output; the Typst PDF of the same marked tree when asked.
"""

from __future__ import annotations

import json
import posixpath
import time
from pathlib import Path
from typing import Any

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from sphinx_publication.editions import onepage
from sphinx_publication.ids import unique_across_pages

from .blocks import Snapshot, citation_keys, snapshot
from .compare import compare
from .mark import apply

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
EDITION_NAME = "modifications"
WAIT_SECONDS = 3600
WEB_ONLY = {"card_templates", "download_node", "revision_nav"}


def assembled(builder: Any):
    env, config = builder.env, builder.config
    root_doc = config.root_doc
    tree, pages = onepage.assemble(root_doc, onepage.article_pages(env, config), env.get_doctree)
    # Resolved whole: this builder writes no page (sphinxcontrib-bibtex's nodes are
    # handed fresh by citations.rebuild_state.FreshCitationNodes).
    env.resolve_references(tree, root_doc, builder)
    return tree, pages


def article_words(env: Any) -> int:
    try:
        return int(env.domains["editorial"].article_words())
    except Exception:  # noqa: BLE001 - no editorial layer: no word count
        return 0


def take_snapshot(builder: Any):
    tree, pages = assembled(builder)
    return tree, pages, snapshot(tree, builder.config.root_doc, builder.env, builder.config.language,
                                 article_words(builder.env))


class SnapshotBuilder(StandaloneHTMLBuilder):
    name = "revisions-snapshot"

    def copy_assets(self) -> None:
        pass

    def write_documents(self, docnames) -> None:
        pass

    def finish(self) -> None:
        _tree, _pages, snap = take_snapshot(self)
        target = Path(self.config.revisions_snapshot)
        partial = target.with_suffix(".partial")
        partial.write_text(json.dumps(snap.as_json(), ensure_ascii=False), encoding="utf-8")
        partial.replace(target)


def wait_for(path: Path) -> dict:
    """The base side's snapshot, written by the other process (built at the same time)."""
    failed = path.with_suffix(".failed")
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        if failed.exists() or time.monotonic() > deadline:
            raise SystemExit(3)
        time.sleep(0.05)
    return json.loads(path.read_text(encoding="utf-8"))


class RevisionsBuilder(StandaloneHTMLBuilder):
    name = "revisions"

    def write_documents(self, docnames) -> None:
        pass  # one page only: the marked edition

    def finish(self) -> None:
        config = self.config
        tree, pages, head = take_snapshot(self)
        base = Snapshot.from_json(wait_for(Path(config.revisions_snapshot)))
        started = time.perf_counter()
        comparison = compare(base, head)
        seconds = time.perf_counter() - started
        cite_targets = {key: cid for cid, key in citation_keys(self.env).items()}
        apply(comparison, tree, head.blocks, cite_targets, config.revisions_base_label,
              config.revisions_head_label, config.language)
        root_doc = config.root_doc
        pagename = posixpath.join(posixpath.dirname(root_doc), EDITION_NAME)
        renamed = unique_across_pages(tree, root_doc)
        onepage.keep_links_inside(tree, self, root_doc, pages, renamed)
        typst_tree = tree.deepcopy() if config.revisions_pdf else None
        context = onepage.render(self, tree, root_doc, pages, renamed)
        label = _("changes")
        context["title"] = f"{context.get('title', '')} — {label}"
        self.handle_page(pagename, context, "page.html")
        self.copy_image_files()
        out = Path(config.revisions_output)
        out.mkdir(parents=True, exist_ok=True)
        document = {
            "base": config.revisions_base_label,
            "head": config.revisions_head_label,
            "summary": comparison.summary,
            "changes": [change.as_json() for change in comparison.changes],
        }
        (out / "changes.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
        (out / "timing.json").write_text(json.dumps({"comparison_seconds": seconds}) + "\n", encoding="utf-8")
        label = _("changes")
        write_redirect(Path(self.outdir) / "index.html", self.get_target_uri(pagename), label, config.language)
        # The theme links the article's pages (its title, the root document): each
        # forwards to its place in the edition, the only page written.
        anchors = onepage.first_section_ids(tree, root_doc, pages)
        for page in pages:
            uri = self.get_target_uri(page)
            anchor = anchors[page]
            target = posixpath.relpath(self.get_target_uri(pagename), posixpath.dirname(uri) or ".")
            write_redirect(Path(self.outdir) / uri, f"{target}#{anchor}", label, config.language)
        logger.info(f"revisions: {len(comparison.changes)} change(s), comparison {seconds:.3f} s")
        if typst_tree is not None:
            write_pdf(self, typst_tree, Path(config.revisions_pdf))


def write_redirect(path: Path, target: str, label: str, language: str | None) -> None:
    from html import escape

    path.parent.mkdir(parents=True, exist_ok=True)
    target = escape(target)
    path.write_text(
        f'<!DOCTYPE html><html lang="{escape(language or "en")}"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={target}"><title>{escape(label)}</title></head>'
        f'<body><a href="{target}">{escape(label)}</a></body></html>\n', encoding="utf-8")


def write_pdf(html_builder: Any, tree: Any, target: Path) -> None:
    """The Typst PDF of the marked tree, through the project's Typst builder."""
    from sphinx_publication.typst.builder import TypstBuilder

    app = html_builder.revisions_app  # set by builder_inited, which receives the application
    builder = TypstBuilder(app, html_builder.env)
    builder.outdir = target.parent
    builder.init()
    builder.config.typst_pdf_name = target.name
    target.parent.mkdir(parents=True, exist_ok=True)
    tree["docname"] = html_builder.config.root_doc
    # What only the web page has (citation cards, data-file links, the change bar): not in the PDF.
    for node in list(tree.findall(lambda n: type(n).__name__ in WEB_ONLY)):
        node.parent.remove(node)
    builder.write_typst(tree)
    builder.finish()


def _(message: str) -> str:
    from .nodes import _ as translate

    return str(translate(message))




def builder_inited(app: Any) -> None:
    if isinstance(app.builder, RevisionsBuilder):
        app.builder.revisions_app = app
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]
        app.add_css_file("revisions.css")
        app.add_js_file("revisions.js", loading_method="defer")
