"""``publication diff BASE [--out DIR]``: the tracked-changes edition.

1. BASE is checked, then checked out by ``git worktree add --detach`` into a
   temporary folder: the user's working tree, index and branches are never
   touched; the worktree is removed again, even on failure;
2. both sides are built at the same time, each in its own process
   (:mod:`.side`): the base writes its snapshot, the head (the working tree,
   uncommitted edits included) compares it with its own and writes the edition;
3. the outputs are assembled in a temporary folder and moved to ``--out``
   (default ``_build/diff``) only when every step worked: nothing is left
   behind by a failure.

Exit codes: 0 done; 1 a side does not build; 2 bad input (not a git
repository, no history, BASE not a revision).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EXIT_OK, EXIT_BUILD, EXIT_USAGE = 0, 1, 2
HEAD_LABEL = "working tree"
#: in the edition's html/: a folder with this file may be replaced by the next comparison
MARKER = ".publication-diff"


class DiffError(Exception):
    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env)
    if check and result.returncode:
        raise DiffError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result


def resolve_base(project: Path, base: str) -> tuple[Path, str]:
    """(the repository's top folder, BASE's commit), or a :class:`DiffError` that says why not."""
    try:
        found = git(project, "rev-parse", "--show-toplevel", check=False)
    except FileNotFoundError as error:
        raise DiffError(f"git is needed for publication diff: {error}") from error
    if found.returncode:
        raise DiffError(f"{project} is not in a git repository: publication diff compares git revisions")
    top = Path(found.stdout.strip())
    if git(top, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode:
        raise DiffError(f"the repository {top.name} has no git history yet: commit a first version to compare with")
    if not base or base.startswith("-"):
        raise DiffError(f"{base!r} is not a git revision")
    commit = git(top, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", check=False)
    if commit.returncode:
        raise DiffError(f"{base!r} is not a revision of this repository (a commit, branch or tag: "
                        "git log --oneline lists them)")
    return top, commit.stdout.strip()


def conf_values(project: Path) -> dict:
    """The names ``conf.py`` sets, evaluated as Sphinx does (before any extension)."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    return eval_config_file(project / "conf.py", Tags())


def pdf_name(project: Path) -> str:
    """The project's PDF name (the Typst builder's) with ``-modifications`` before ``.pdf``."""
    from types import SimpleNamespace

    from sphinx_publication.typst.builder import default_pdf_name

    values = conf_values(project)
    name = values.get("typst_pdf_name") or default_pdf_name(SimpleNamespace(
        root_doc=values.get("root_doc", "index"), latex_documents=values.get("latex_documents", [])))
    return name[:-4] + "-modifications.pdf" if name.endswith(".pdf") else name + "-modifications.pdf"


def side_command(mode: str, src: Path, build: Path, snapshot: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sphinx_publication.revisions.side", mode, str(src), str(build),
            "--snapshot", str(snapshot), *extra]


def run(base: str, out: Path, project: Path, pdf: bool = True, echo=print) -> int:
    try:
        if (out / "html").is_dir() and not (out / "html" / MARKER).is_file():
            raise DiffError(f"{out / 'html'} exists and was not written by publication diff: "
                            "choose another --out")
        if not (project / "conf.py").is_file():
            raise DiffError(f"no conf.py in {project.resolve()}: run the command in the publication's folder "
                            "or give it with --project")
        top, commit = resolve_base(project.resolve(), base)
    except DiffError as error:
        echo(f"publication diff: {error}", file=sys.stderr)
        return error.status
    relative = project.resolve().relative_to(top)
    scratch = Path(tempfile.mkdtemp(prefix="publication-diff-"))
    worktree = scratch / "base"
    try:
        # No hook of the repository runs for this temporary checkout.
        git(top, "-c", f"core.hooksPath={os.devnull}", "worktree", "add", "--detach", "--quiet", str(worktree),
            commit)
        return build_both(base, commit, worktree / relative, project.resolve(), scratch, out, pdf, echo)
    except DiffError as error:
        echo(f"publication diff: {error}", file=sys.stderr)
        return error.status
    finally:
        git(top, "worktree", "remove", "--force", str(worktree), check=False)
        shutil.rmtree(scratch, ignore_errors=True)
        git(top, "worktree", "prune", check=False)


def build_both(base: str, commit: str, base_src: Path, head_src: Path, scratch: Path, out: Path,
               pdf: bool, echo) -> int:
    if not (base_src / "conf.py").is_file():
        raise DiffError(f"at {base}, there is no conf.py in {base_src.name or 'the repository'}: "
                        "no publication to compare with", EXIT_BUILD)
    snapshot = scratch / "base.json"
    staged = scratch / "out"
    pdf_path = str(scratch / "pdf" / pdf_name(head_src)) if pdf else ""
    # The same pages on both sides: the head's one_page_exclude for the base too.
    exclude = json.dumps(list(conf_values(head_src).get("one_page_exclude", [])))
    base_proc = subprocess.Popen(side_command("snapshot", base_src, scratch / "build-base", snapshot,
                                              "--exclude", exclude),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    head_proc = None
    try:
        head_proc = subprocess.Popen(side_command(
            "edition", head_src, scratch / "build-head", snapshot, "--out", str(staged), "--pdf", pdf_path,
            "--base-label", f"{base} ({commit[:10]})", "--head-label", HEAD_LABEL),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        base_error = base_proc.communicate()[1]
        if base_proc.returncode:
            snapshot.with_suffix(".failed").write_text("failed\n", encoding="utf-8")
            head_proc.communicate()
            raise DiffError(side_failure(f"the publication at {base}", scratch / "build-base", base_error),
                            EXIT_BUILD)
        head_error = head_proc.communicate()[1]
        if head_proc.returncode:
            which = "the working tree's publication"
            if pdf_only_errors(scratch / "build-head"):
                which = "the PDF of the tracked-changes edition (--no-pdf gives the HTML and changes.json)"
            raise DiffError(side_failure(which, scratch / "build-head", head_error), EXIT_BUILD)
    finally:  # interrupted: the two builds this command started end with it
        for process in (base_proc, head_proc):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    if pdf_path:
        if not Path(pdf_path).is_file():
            raise DiffError(side_failure("the PDF of the working tree's edition", scratch / "build-head",
                                         head_error), EXIT_BUILD)
        shutil.move(pdf_path, staged / Path(pdf_path).name)
    timing = staged / "timing.json"
    seconds = json.loads(timing.read_text(encoding="utf-8"))["comparison_seconds"]
    timing.unlink()
    (staged / "html" / MARKER).write_text("written by publication diff\n", encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    for item in staged.iterdir():  # only what this command writes is replaced
        target = out / item.name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        shutil.move(str(item), str(target))
    document = json.loads((out / "changes.json").read_text(encoding="utf-8"))
    count = len(document["changes"])
    if count:
        echo(f"{count} change(s) between {base} and the working tree")
    else:
        echo(f"no change between {base} and the working tree")
    echo(f"comparison: {seconds:.3f} s")
    echo(f"HTML: {out / 'html' / 'index.html'}")
    echo(f"changes: {out / 'changes.json'}")
    if pdf_path:
        echo(f"PDF: {out / Path(pdf_path).name}")
    return EXIT_OK


def pdf_only_errors(build: Path) -> bool:
    """Whether every error of a side's log is the Typst compiler's (the HTML was made)."""
    path = build / "warnings.txt"
    if not path.is_file():
        return False
    errors = [line for line in path.read_text(encoding="utf-8").splitlines() if "ERROR:" in line]
    return bool(errors) and all("sphinx_publication.typst" in line for line in errors)


def side_failure(which: str, build: Path, stderr: str) -> str:
    warnings = ""
    path = build / "warnings.txt"
    if path.is_file():
        warnings = path.read_text(encoding="utf-8").strip()
    details = "\n".join(part for part in (warnings, (stderr or "").strip()) if part)
    return f"{which} does not build:\n{details}" if details else f"{which} does not build"
