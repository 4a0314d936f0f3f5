"""A node that no Typst visitor knows, made by a directive."""

from docutils import nodes
from docutils.parsers.rst import Directive


class mystery(nodes.General, nodes.Element):
    pass


class MysteryDirective(Directive):
    has_content = True

    def run(self):
        node = mystery()
        node += nodes.paragraph("", " ".join(self.content))
        node.source, node.line = self.state_machine.get_source_and_line(self.lineno)
        return [node]


def setup(app):
    app.add_node(mystery, html=(lambda s, n: None, lambda s, n: None))
    app.add_directive("mystery", MysteryDirective)
    return {"parallel_read_safe": True}
