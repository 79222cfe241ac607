"""Where extraction time goes: each stage of ``extract`` timed on one text of the extract bench.

Not a comparison (see ``extract_speed.py`` for that): a profile, to say which stage to work on.

    python bench/profile_stages.py [founding|transcript|narrative] [MB]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from extract_speed import corpus

import rapporteur.ingest as ingest
import rapporteur.pipeline as pipeline


def main() -> None:
    kind = sys.argv[1] if len(sys.argv) > 1 else "founding"
    mb = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    text = corpus(kind, mb)
    spent: dict[str, float] = {}

    def timed(mod: object, name: str) -> None:
        fn = getattr(mod, name)

        def wrapper(*a: object, **k: object) -> object:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t

        setattr(mod, name, wrapper)

    for name in ("structure", "attribute", "relate"):
        timed(pipeline, name)
    timed(ingest, "load_text")
    pipeline.extract(ingest.load_text(text[:5000], source="warm-up"))
    spent.clear()
    t = time.perf_counter()
    pipeline.extract(ingest.load_text(text, source="bench"))
    total = time.perf_counter() - t
    spent["resolve and the rest"] = total - sum(spent.values())
    parts = ", ".join(f"{k} {v:.2f} s ({100 * v / total:.0f}%)" for k, v in spent.items())
    print(f"{kind} {len(text.encode('utf-8')) / 1e6:.2f} MB: {total:.2f} s; {parts}")


if __name__ == "__main__":
    main()
