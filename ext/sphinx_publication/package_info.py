"""The distribution's version and the metadata every sub-extension's ``setup()`` returns.

The version is written once, in ``pyproject.toml``, and read here from the
installed distribution's metadata.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "sphinx-publication"

try:
    __version__ = version(DISTRIBUTION)
except PackageNotFoundError:  # a bare checkout on sys.path, not installed
    __version__ = "0+unknown"


def extension_metadata(env_version: int | None = None) -> dict:
    """What a sub-extension's ``setup()`` returns: version, parallel safety, env version."""
    metadata: dict = {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
    if env_version is not None:
        metadata["env_version"] = env_version
    return metadata
