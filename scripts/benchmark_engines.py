"""Benchmark of the two ways to build the site (figures to quote, never asserted in tests).

    scripts/benchmark --moteurs [--tours N]

Times, in interleaved rounds on the same machine load, the production build (``mkdocs build --strict``, the
anchor) and the engine-independent pipeline that the Zensical smoke build runs: ``python -m guide render-docs``,
``zensical build`` (0.0.73, from .cache/zensical, installed by scripts/setup), ``python -m guide finish-site``.
Each step is a whole process, as a person runs it (Python's start and the guide's loading included). Prints the
median of each, the ratio of the pipeline to the anchor for each round and its median, and the pages each build
wrote. Writes .cache/benchmark-moteurs.json.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ZENSICAL = REPO / ".cache" / "zensical" / "bin"
ROUNDS = 3
SITE_URL = "http://127.0.0.1:8000/"


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.monotonic()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    elapsed = time.monotonic() - start
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} a échoué :\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def page_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def one_round(work: Path, env: dict[str, str]) -> dict:
    mkdocs_site = work / "mkdocs-site"
    anchor = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(mkdocs_site)], REPO, env)
    tree = work / "arbre"
    steps = {"render_docs": timed([sys.executable, "-m", "guide", "render-docs", str(tree)], REPO, env)}
    steps["zensical_build"] = timed([str(ZENSICAL / "zensical"), "build"], tree, env)
    templates = subprocess.run([str(ZENSICAL / "python"), "-c", "import zensical, os; print(os.path.dirname("
                                "zensical.__file__) + '/templates')"], capture_output=True, text=True, check=True)
    steps["finish_site"] = timed([sys.executable, "-m", "guide", "finish-site", str(tree / "site"), "--theme-dir",
                                  templates.stdout.strip()], REPO, env)
    return {"mkdocs_build": anchor, **steps, "pipeline": sum(steps.values()),
            "pages": {"mkdocs": page_count(mkdocs_site), "zensical": page_count(tree / "site")}}


def main() -> int:
    if not (ZENSICAL / "zensical").exists():
        raise SystemExit("Zensical n'est pas installé : lancez scripts/setup")
    rounds = int(sys.argv[sys.argv.index("--tours") + 1]) if "--tours" in sys.argv else ROUNDS
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL)
    runs = []
    for number in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            runs.append(one_round(Path(folder), env))
        print(f"tour {number + 1}/{rounds} : mkdocs {runs[-1]['mkdocs_build']:.1f} s, "
              f"chaîne Zensical {runs[-1]['pipeline']:.1f} s", file=sys.stderr)
    names = ("mkdocs_build", "render_docs", "zensical_build", "finish_site", "pipeline")
    figures = {name: {"median_s": round(statistics.median(run[name] for run in runs), 2),
                      "runs_s": [round(run[name], 2) for run in runs]} for name in names}
    ratios = [run["pipeline"] / run["mkdocs_build"] for run in runs]
    figures["ratio_pipeline_to_mkdocs"] = {"median": round(statistics.median(ratios), 2),
                                           "runs": [round(ratio, 2) for ratio in ratios]}
    figures["pages"] = runs[-1]["pages"]
    (REPO / ".cache").mkdir(exist_ok=True)
    (REPO / ".cache" / "benchmark-moteurs.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n",
                                                            encoding="utf-8")
    labels = {"mkdocs_build": "mkdocs build --strict (ancre)", "render_docs": "guide render-docs",
              "zensical_build": "zensical build", "finish_site": "guide finish-site",
              "pipeline": "chaîne Zensical (les trois)"}
    for name in names:
        print(f"{labels[name]}\u202f: médiane {figures[name]['median_s']:.2f}\u00a0s "
              f"({', '.join(f'{value:.2f}' for value in figures[name]['runs_s'])})".replace(".", ","))
    ratio = figures["ratio_pipeline_to_mkdocs"]
    print(f"rapport chaîne / mkdocs, tour par tour\u202f: médiane ×{ratio['median']} "
          f"({', '.join(f'×{value}' for value in ratio['runs'])})".replace(".", ","))
    print(f"pages écrites\u202f: MkDocs {figures['pages']['mkdocs']}, Zensical {figures['pages']['zensical']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
