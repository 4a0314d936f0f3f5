"""Stands in for the figures layer: a node described through the figure_facts contract."""

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_publication.figure_facts import describe_figure


class stub_chart(nodes.General, nodes.Element):
    pass


class StubChart(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"source": directives.unchanged, "name": directives.unchanged}

    def run(self):
        sources = [s.strip() for s in self.options.get("source", "").split(",") if s.strip()]
        node = stub_chart()
        describe_figure(node, "bar", self.arguments[0], sources)
        node["ids"].append(self.options.get("name", "chart"))
        node += nodes.caption("", self.arguments[0])
        node += nodes.paragraph("", "\n".join(self.content))
        self.set_source_info(node)
        return [node]


def visit(self, node):
    raise nodes.SkipNode  # the editorial layer only reads the node's attributes


def depart(self, node):
    pass


def setup(app):
    handlers = {name: (visit, depart) for name in ("html", "latex", "text", "man", "texinfo")}
    app.add_node(stub_chart, **handlers)
    app.add_directive("stub-chart", StubChart)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
