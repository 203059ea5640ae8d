"""Benchmark of the calculators in headless Chromium (figures to quote, never asserted in tests).

    scripts/benchmark            (installs what it needs, then runs this file)

Builds the site for a local address and serves it gzip-compressed, as static hosts do, then
measures on it:
1. time from navigation to the first live result on the ROI page (a link with inputs, so the
   worker starts at once), against a bare page of the same site that only calls loadPyodide
   on the main thread; same run, cold cache each time, median of RUNS;
1b. a first visit on a slow network (Chrome DevTools Protocol: 10 Mbit/s each way, 40 ms latency, cache
   disabled), interleaved rounds, medians: time from navigation to the first live result on the ROI page (a link
   with inputs), against the anchor measured in the same rounds, a bare page of the same site that starts the
   site's own calculator worker (the same Pyodide files and bundle) and runs one calculation; and the time from
   a first keystroke typed at t = 3 s on the ROI page opened without inputs to the live result, on a laptop and
   on a phone (where the calculator is below the fold), with when the engine's download (pyodide.asm.wasm)
   started;
2. input-to-updated-result latency over 50 edits: typed (an input event) and submitted with Enter:
   median and p95; and the bytes transferred (gzip) before the first live result;
3. Lighthouse (npm, pinned) performance score, Total Blocking Time, LCP and page weight of the
   ROI page, mobile (default throttling) and desktop presets, and of a framework page for comparison;
   median of LIGHTHOUSE_RUNS runs each.
4. with ``--pages``: Lighthouse (mobile preset) on one page of each type (home, a framework page, the FAQ,
   the glossary, each calculator) against a bare Material page built in the same run (a source article as
   Markdown, Material with instant navigation and tooltips, no extra JavaScript or CSS), runs interleaved so
   that all pages see the same machine load: median score and Total Blocking Time, and their gap to the
   bare page;
5. with ``--scale``: strict build times with the FAQ and the glossary multiplied ×10 and ×50 in a temporary
   copy of the content, and the ratio t(50×) / t(10×).
With ``--avant CHEMIN`` (another checkout of the project, for example a worktree of ``main``), part 4 also builds
that checkout under /avant/ of the same server and measures its pages in the same interleaved rounds, each name
prefixed « avant · »: the before-and-after table of a change, with one anchor, in one run. ``--tours N`` sets
the number of rounds of part 4 (3 by default).
Writes everything to .cache/benchmark-calculators.json. ``--sans-lighthouse`` skips part 3 (a few minutes);
``--pages-seulement`` runs part 4 alone.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from scripts.project_tools import CHROMIUM, CHROMIUM_ARGS, free_port, mkdocs_build

REPO = Path(__file__).resolve().parent.parent

COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".wasm", ".zip", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files gzip-compressed when the browser accepts it, as static hosts (GitHub Pages) serve them."""

    cache: dict[str, bytes] = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not path.endswith(COMPRESSIBLE) or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not os.path.isfile(path):
            return super().send_head()
        if path not in self.cache:
            self.cache[path] = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_compressed(directory: Path, port: int):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()

RUNS = 3
EDITS = 50
LIGHTHOUSE_RUNS = 3  # Lighthouse varies from run to run: report the median and every run
BARE_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>loadPyodide seul</title></head>
<body><p id="etat">chargement</p><script type="module">
import {{ loadPyodide }} from "./assets/{runtime}pyodide.mjs";
await loadPyodide({{ indexURL: new URL("./assets/{runtime}", location.href).href }});
window.__ready = performance.now();
document.getElementById("etat").textContent = "prêt";
</script></body></html>"""


# A first visit on a slow network (issue 22, point 7): Network.emulateNetworkConditions, cache disabled.
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8, "uploadThroughput": 10_000_000 / 8}
THROTTLED_RUNS = 5
KEYSTROKE_AT_MS = 3000
DEVICES = {
    "portable": {"viewport": {"width": 1280, "height": 800}},
    "telephone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
# The anchor: no theme, no page, only the site's calculator worker booted and asked for one calculation.
ENGINE_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Moteur seul</title></head>
<body><p id="etat">chargement</p><script type="module">
const worker = new Worker(new URL("assets/javascripts/calculator-worker.mjs", location.href), {{ type: "module" }});
worker.addEventListener("message", (event) => {{
  const message = event.data;
  if (message.type === "ready") worker.postMessage({{ type: "run", id: 1, request: {request} }});
  else if (message.type === "result") {{
    window.__bench = {{ result: performance.now() }};
    document.getElementById("etat").textContent = "calculé";
  }} else if (message.type === "failed") document.getElementById("etat").textContent = "échec";
}});
worker.postMessage({{ type: "boot", runtime: {runtime}, bundle: {bundle} }});
</script></body></html>"""
ENGINE_PAGE_FILE = "moteur-seul.html"
# Installed before the page's own scripts: when the first key reached a calculator field, when the engine's cue
# by the field (.guide-field__engine) was first in the page, at the frame after it came, and when a calculator
# first showed a live result (calculators.mjs sets data-computed when it does).
RECORDER = """
window.__bench = {}
document.addEventListener("input", (event) => {
  if (window.__bench.keystroke === undefined && event.target.closest && event.target.closest(".guide-calculator"))
    window.__bench.keystroke = performance.now()
}, true)
new MutationObserver(() => {
  if (window.__bench.result === undefined && document.querySelector(".guide-calculator[data-computed]"))
    window.__bench.result = performance.now()
  if (window.__bench.cue === undefined && document.querySelector(".guide-field__engine")) {
    window.__bench.cue = null
    requestAnimationFrame(() => { window.__bench.cue = performance.now() })
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-computed"] })
"""


def engine_page(site: Path) -> str:
    """The anchor's HTML: the ROI calculator's runtime, bundle and inputs as its page gives them to the worker
    (the example's values, the attributed revenue set to 8 000 as in the link the page is measured with)."""
    import html
    import re

    markup = (site / "roi" / "index.html").read_text(encoding="utf-8")
    calculator = markup.split('class="guide-calculator"', 1)[1]
    attributes = dict(re.findall(r'(data-(?:runtime|bundle|defaults))="([^"]*)"', calculator))
    inputs = dict(json.loads(html.unescape(attributes["data-defaults"])), attributed_revenue="8000")
    request = {"calculator": "roi", "inputs": inputs, "editing": None}
    return ENGINE_PAGE.format(request=json.dumps(request, ensure_ascii=False),
                              runtime=json.dumps(html.unescape(attributes["data-runtime"])),
                              bundle=json.dumps(html.unescape(attributes["data-bundle"])))


def throttled_visit(browser, url: str, path: str, device: str, keystroke: bool = False) -> dict:
    """One first visit on the slow network, in a fresh context: when the first live result came (ms after
    navigation), and with ``keystroke`` when the first key was typed (at KEYSTROKE_AT_MS) in the attributed
    revenue field; when the request for pyodide.asm.wasm left (ms after the call to navigate, approximate)."""
    context = browser.new_context(**DEVICES[device])
    context.add_init_script(RECORDER)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", THROTTLE)
    engine: dict[str, float] = {}
    start = time.monotonic()
    context.on("request", lambda request: request.url.endswith("pyodide.asm.wasm")
               and engine.setdefault("request_ms", (time.monotonic() - start) * 1000))
    start = time.monotonic()
    page.goto(url + path)
    if keystroke:
        page.wait_for_function(f"() => performance.now() >= {KEYSTROKE_AT_MS}", polling="raf", timeout=60_000)
        field = page.locator("#calc-roi-attributed_revenue")
        field.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("8000")
    page.wait_for_function("() => window.__bench.result !== undefined", timeout=300_000, polling="raf")
    measured = page.evaluate("window.__bench")
    context.close()
    return {**measured, **engine}


def throttled_figures(browser, url: str) -> dict:
    """Interleaved rounds on the slow network: the anchor, the page's first live result, then a first keystroke
    at 3 s on a laptop and on a phone. Medians, and every run."""
    runs: dict[str, list[dict]] = {"anchor": [], "page": [], "keystroke_laptop": [], "keystroke_phone": []}
    for _ in range(THROTTLED_RUNS):
        runs["anchor"].append(throttled_visit(browser, url, ENGINE_PAGE_FILE, "portable"))
        runs["page"].append(throttled_visit(browser, url, "roi/?attributed_revenue=8000", "portable"))
        runs["keystroke_laptop"].append(throttled_visit(browser, url, "roi/", "portable", keystroke=True))
        runs["keystroke_phone"].append(throttled_visit(browser, url, "roi/", "telephone", keystroke=True))

    def summary(values: list[float]) -> dict:
        return {"median": round(statistics.median(values)), "runs": [round(value) for value in values]}

    anchor = summary([run["result"] for run in runs["anchor"]])
    page = summary([run["result"] for run in runs["page"]])
    figures = {
        "network": "10 Mbit/s dans chaque sens, 40 ms de latence, cache désactivé (Network.emulateNetworkConditions)",
        "rounds": THROTTLED_RUNS,
        "anchor_engine_page_ms": anchor,
        "first_live_result_ms": page,
        "ratio_to_anchor": round(page["median"] / anchor["median"], 3),
        "engine_request_ms": {name: summary([run.get("request_ms", float("nan")) for run in measured])
                              for name, measured in runs.items()},
    }
    for name in ("keystroke_laptop", "keystroke_phone"):
        cues = [run["cue"] - run["keystroke"] for run in runs[name] if run.get("cue") is not None]
        figures[name] = {
            "keystroke_at_ms": summary([run["keystroke"] for run in runs[name]]),
            "keystroke_to_result_ms": summary([run["result"] - run["keystroke"] for run in runs[name]]),
            # The cue by the field, at the frame after it came (none before issue 22's point 7).
            "keystroke_to_cue_ms": summary(cues) if cues else None,
        }
    return figures


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def first_live_result(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "roi/?attributed_revenue=8000")
    page.wait_for_function("() => document.querySelector('.guide-calculator').dataset.computed", timeout=180_000,
                           polling="raf")
    elapsed = page.evaluate("performance.now()")
    context.close()
    return elapsed


def first_use_bytes(browser, url: str) -> dict:
    """Bytes transferred (gzip, headers included) from navigation to the first live result, by file: the total in
    KiB (``total_kb``) and in MB of 10⁶ bytes (``total_mb``, the unit of issue 22's 4,74 MB)."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}

    def finished(request):
        size = request.sizes()
        name = request.url.split("?")[0].rsplit("/", 1)[-1] or "index.html"
        sizes[name] = sizes.get(name, 0) + size["responseBodySize"] + size["responseHeadersSize"]

    context.on("requestfinished", finished)
    page.goto(url + "roi/?attributed_revenue=8000")
    page.wait_for_function("() => document.querySelector('.guide-calculator').dataset.computed", timeout=180_000)
    page.wait_for_timeout(500)
    context.close()
    ordered = dict(sorted(sizes.items(), key=lambda item: -item[1]))
    total = sum(sizes.values())
    return {"total_kb": round(total / 1024), "total_mb": round(total / 1_000_000, 3),
            "largest_kb": {k: round(v / 1024) for k, v in list(ordered.items())[:6]},
            "by_file_bytes": ordered}


def bare_load(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "bare-pyodide.html")
    page.wait_for_function("() => window.__ready", timeout=180_000, polling="raf")
    elapsed = page.evaluate("() => window.__ready")
    context.close()
    return elapsed


def edit_latencies(browser, url: str) -> dict[str, list[float]]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "roi/?attributed_revenue=8000")
    page.wait_for_function("() => document.querySelector('.guide-calculator').dataset.computed", timeout=180_000)
    field = page.locator("#calc-roi-attributed_revenue")
    results = {"typed": [], "enter": []}
    for mode in results:
        for index in range(EDITS):
            before = int(page.locator(".guide-calculator").get_attribute("data-computed"))
            value = f"{20000 + index * 137} €"
            start = page.evaluate("performance.now()")
            if mode == "typed":
                field.fill(value)
            else:
                field.evaluate("(el, v) => { el.value = v }", value)
                field.press("Enter")
            page.wait_for_function(
                "n => Number(document.querySelector('.guide-calculator').dataset.computed) > n",
                arg=before, timeout=30_000, polling="raf")
            results[mode].append(page.evaluate("performance.now()") - start)
    context.close()
    return results


def lighthouse(url: str, preset: str | None) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "report.json"
        command = [str(REPO / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
                   f"--output-path={output}", "--only-categories=performance", f"--chrome-flags={flags}"]
        if preset:
            command.append(f"--preset={preset}")
        subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM), timeout=600,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report = json.loads(output.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "total_blocking_time_ms": round(audits["total-blocking-time"]["numericValue"]),
        "largest_contentful_paint_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "total_byte_weight_kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
    }


def lighthouse_median(url: str, preset: str | None) -> dict:
    runs = [lighthouse(url, preset) for _ in range(LIGHTHOUSE_RUNS)]
    summary = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    summary["runs"] = [{"score": run["score"], "tbt_ms": run["total_blocking_time_ms"]} for run in runs]
    return summary


def scaled_copy(root: Path, target: Path, factor: int) -> Path:
    """A copy of the project whose FAQ and glossary hold ``factor`` times their entries (new ids and forms)."""
    import shutil

    import yaml

    from scripts.project_tools import copy_project

    project = copy_project(target)
    for name, key in (("faq", "questions"), ("glossaire", "termes")):
        path = project / "frameworks" / f"{name}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        originals = data[key]
        copies = []
        for index in range(1, factor):
            for item in originals:
                copy = dict(item, id=f"{item['id']}-{index}")
                if key == "questions":
                    copy["question"] = f"{item['question']} (variante {index})"
                else:
                    copy["terme"] = f"{item['terme']} {index}"
                    if "formes" in item:
                        copy["formes"] = [f"{form}{index}" for form in item["formes"]]
                copies.append(copy)
        data[key] = originals + copies
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    shutil.rmtree(project / "site", ignore_errors=True)
    return project


def scale_figures(root: Path = REPO, factors=(1, 10, 50)) -> dict:
    """Build times (strict build, seconds) with the FAQ and the glossary multiplied, and their ratio."""
    import time

    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for factor in factors:
            project = scaled_copy(root, Path(tmp) / f"x{factor}", factor)
            start = time.perf_counter()
            result = mkdocs_build(project, Path(tmp) / f"site{factor}", "http://127.0.0.1/")
            times[factor] = round(time.perf_counter() - start, 2)
            if result.returncode != 0:
                raise RuntimeError(result.stderr[-2000:])
    return {"build_s": {f"{factor}x": value for factor, value in times.items()},
            "ratio_50x_to_10x": round(times[50] / times[10], 2) if 50 in times and 10 in times else None}


def lighthouse_figures(url: str) -> dict:
    return {
        "roi_page": {"mobile": lighthouse_median(url + "roi/", None),
                     "desktop": lighthouse_median(url + "roi/", "desktop")},
        "internalisation_page": {"mobile": lighthouse_median(url + "internalisation/", None)},
        "diagnostic_page": {"mobile": lighthouse_median(url + "diagnostic/", None)},
        "framework_page_phases": {"mobile": lighthouse_median(url + "phases/", None)},
        "longest_framework_page_hypercroissance": {"mobile": lighthouse_median(url + "hypercroissance/", None)},
    }


PAGE_TYPES = {  # one page of each type, measured against the bare Material page
    "accueil": "",
    "cadre (phases)": "phases/",
    "page réunie (sourcing)": "sourcing/",
    "faq": "faq/",
    "glossaire": "glossaire/",
    "calculateur roi": "roi/",
    "calculateur internalisation": "internalisation/",
    "calculateur diagnostic": "diagnostic/",
}
BARE_MATERIAL_DIR = "bare-material/"


BARE_ONE_PARAGRAPH_DIR = "bare-material-un-paragraphe/"


def seed_as_markdown(text: str) -> str:
    """A source article (plain text, one block per line) as the Markdown its author would write: a blank line
    between blocks, so that each line is a paragraph; the lines of a list (« - ») or of a table (« | », plus the
    separator row Markdown needs) kept together; a short line without a final full stop (« Qu’est-ce que le
    Marketing Management ? », « 1. Le Diagnostic Stratégique ») a heading."""
    blocks: list[list[str]] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        kind = "list" if line.startswith("- ") else "table" if line.startswith("|") else "text"
        if kind != "text" and blocks and blocks[-1][0] == kind:
            blocks[-1].append(line)
            continue
        if kind == "text" and len(line) <= 90 and not line.endswith((".", ":", ";", ",")):
            line = "## " + line
        blocks.append([kind, line])
    for block in blocks:
        if block[0] == "table":
            block.insert(2, "|" + "---|" * (block[1].strip("|").count("|") + 1))
    return "\n\n".join("\n".join(block[1:]) for block in blocks) + "\n"


def build_bare_material(target: Path, site_url: str, one_paragraph: bool = False) -> None:
    """The anchor: a source article (the longest framework source, 003) as the only page of a plain
    Material site, with the same theme features that cost script time (instant navigation, tooltips).
    The article is written as Markdown (paragraphs, headings, lists, a table: seed_as_markdown), so that its
    page has the structure of a page of comparable text; ``one_paragraph`` keeps the seed's lines as they are,
    which Markdown reads as one paragraph of 17 000 characters: the anchor this benchmark used until
    29 November 2026, still measured beside the other for comparison."""
    from guide.source_text import SEEDS_DIR

    seed = sorted(SEEDS_DIR.glob("003_*.txt"))[0].read_text(encoding="utf-8")
    body = seed.split("---", 2)[2] if seed.startswith("---") else seed
    if not one_paragraph:
        body = seed_as_markdown(body)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "docs").mkdir()
        (project / "docs" / "index.md").write_text(body, encoding="utf-8")
        (project / "mkdocs.yml").write_text(
            "site_name: Page Material nue\n"
            f"site_url: {site_url}\n"
            "theme:\n  name: material\n  language: fr\n  font: false\n"
            "  features: [navigation.instant, content.tooltips, search.suggest, search.highlight]\n"
            "markdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, toc]\n",
            encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(target)], cwd=project,
                                capture_output=True, text=True, timeout=300,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-2000:])


BEFORE_DIR = "avant/"


def before_checkout() -> Path | None:
    """The checkout given by ``--avant CHEMIN`` (the state before a change), or None."""
    if "--avant" not in sys.argv:
        return None
    index = sys.argv.index("--avant") + 1
    if index >= len(sys.argv) or not (Path(sys.argv[index]) / "mkdocs.yml").is_file():
        raise SystemExit("--avant attend le chemin d’un autre exemplaire du projet (un dossier qui contient mkdocs.yml)")
    return Path(sys.argv[index]).resolve()


def rounds() -> int:
    """``--tours N``: how many interleaved rounds part 4 runs (LIGHTHOUSE_RUNS unless given). Total Blocking
    Time moves by tens of milliseconds from one run to the next on a shared 2-core machine: more rounds, a
    steadier median."""
    if "--tours" not in sys.argv:
        return LIGHTHOUSE_RUNS
    index = sys.argv.index("--tours") + 1
    if index >= len(sys.argv) or not sys.argv[index].isdigit() or int(sys.argv[index]) < 1:
        raise SystemExit("--tours attend un nombre entier de tours, par exemple --tours 5")
    return int(sys.argv[index])


def page_figures(url: str, with_before: bool = False) -> dict:
    """Lighthouse mobile, interleaved: each round measures the bare page, then every page type once (and, with
    ``with_before``, the same page types of the other checkout served under BEFORE_DIR)."""
    pages = {"page Material nue": BARE_MATERIAL_DIR, "page Material nue, en un paragraphe": BARE_ONE_PARAGRAPH_DIR,
             **PAGE_TYPES}
    if with_before:
        pages.update({f"avant · {name}": BEFORE_DIR + path for name, path in PAGE_TYPES.items()})
    runs: dict[str, list[dict]] = {name: [] for name in pages}
    for _ in range(rounds()):
        for name, path in pages.items():
            runs[name].append(lighthouse(url + path, None))
    table = {}
    bare_score = statistics.median(run["score"] for run in runs["page Material nue"])
    bare_tbt = statistics.median(run["total_blocking_time_ms"] for run in runs["page Material nue"])
    for name, measured in runs.items():
        score = statistics.median(run["score"] for run in measured)
        tbt = statistics.median(run["total_blocking_time_ms"] for run in measured)
        table[name] = {
            "score": score, "tbt_ms": tbt,
            "score_gap": score - bare_score, "tbt_gap_ms": tbt - bare_tbt,
            "runs": [{"score": run["score"], "tbt_ms": run["total_blocking_time_ms"],
                      "kb": run["total_byte_weight_kb"]} for run in measured],
        }
    return table


def main() -> int:
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build = mkdocs_build(REPO, site, url)
        if build.returncode != 0:
            print(build.stderr, file=sys.stderr)
            return 1
        runtime = next((site / "assets" / "pyodide").iterdir()).name + "/"
        before = before_checkout()
        if "--pages" in sys.argv or "--pages-seulement" in sys.argv:
            build_bare_material(site / BARE_MATERIAL_DIR, url + BARE_MATERIAL_DIR)
            build_bare_material(site / BARE_ONE_PARAGRAPH_DIR, url + BARE_ONE_PARAGRAPH_DIR, one_paragraph=True)
            if before is not None:
                build = mkdocs_build(before, site / BEFORE_DIR, url + BEFORE_DIR)
                if build.returncode != 0:
                    print(build.stderr, file=sys.stderr)
                    return 1
        (site / "bare-pyodide.html").write_text(BARE_PAGE.format(runtime="pyodide/" + runtime), encoding="utf-8")
        (site / ENGINE_PAGE_FILE).write_text(engine_page(site), encoding="utf-8")
        figures: dict = {"machine": {"cores": os.cpu_count(), "load_average_1min_at_start": round(os.getloadavg()[0], 1)},
                         "runs": RUNS, "edits": EDITS}
        with serve_compressed(site, port), sync_playwright() as playwright:
            only_pages = "--pages-seulement" in sys.argv
            if not only_pages:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                ours, bare = [], []
                for _ in range(RUNS):  # interleaved, so both see the same machine load
                    bare.append(bare_load(browser, url))
                    ours.append(first_live_result(browser, url))
                figures["first_live_result_ms"] = {"runs": [round(v) for v in ours], "median": round(statistics.median(ours))}
                figures["bare_load_pyodide_ms"] = {"runs": [round(v) for v in bare], "median": round(statistics.median(bare))}
                figures["ratio_first_result_to_bare"] = round(statistics.median(ours) / statistics.median(bare), 2)
                latencies = edit_latencies(browser, url)
                figures["edit_latency_ms"] = {
                    mode: {"median": round(statistics.median(values)), "p95": round(percentile(values, 0.95))}
                    for mode, values in latencies.items()
                }
                figures["first_use_bytes"] = first_use_bytes(browser, url)
                figures["throttled_first_visit"] = throttled_figures(browser, url)
                figures["machine"]["load_average_1min_at_end"] = round(os.getloadavg()[0], 1)
                browser.close()
            if "--pages" in sys.argv or only_pages:
                figures["pages"] = page_figures(url, with_before=before is not None)
                if before is not None:
                    figures["pages_avant"] = str(before)
            if "--sans-lighthouse" in sys.argv or "--pages-seulement" in sys.argv:
                figures["lighthouse"] = "non mesuré (--sans-lighthouse)"
            else:
                figures["lighthouse"] = lighthouse_figures(url)
    if "--scale" in sys.argv:
        figures["scale"] = scale_figures()
    out = REPO / ".cache" / "benchmark-calculators.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
