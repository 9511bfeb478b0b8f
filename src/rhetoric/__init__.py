"""rhetoric: where a news article hedges, uses loaded language, or speculates without a source.

Library API (imports are lazy, so `import rhetoric` stays cheap)::

    from rhetoric import load_model, analyze
    report = analyze(open("article.txt").read(), load_model())
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "load_model", "LABELS", "LABEL_KEYS"]


def __getattr__(name: str):
    if name in ("analyze", "analyze_many"):
        from . import analysis as module

        return getattr(module, name)
    if name == "load_model":
        from .store import load_model

        return load_model
    if name in ("LABELS", "LABEL_KEYS"):
        from . import labels

        return getattr(labels, name)
    raise AttributeError(f"module 'rhetoric' has no attribute {name!r}")
