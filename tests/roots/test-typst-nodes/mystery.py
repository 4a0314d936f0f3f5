"""A node that no Typst visitor knows, and one that another extension
renders for Typst through Sphinx's own ``app.add_node(..., typst=...)``."""

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


class stamped(nodes.Inline, nodes.TextElement):
    pass


def stamped_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [stamped(rawtext, text)], []


def visit_stamped_typst(self, node):
    self.body.append("#strong[TAMPON ")


def depart_stamped_typst(self, node):
    self.body.append("]")


def setup(app):
    app.add_node(stamped, typst=(visit_stamped_typst, depart_stamped_typst),
                 html=(lambda s, n: None, lambda s, n: None))
    app.add_role("stamped", stamped_role)
    app.add_node(mystery, html=(lambda s, n: None, lambda s, n: None))
    app.add_directive("mystery", MysteryDirective)
    return {"parallel_read_safe": True}
