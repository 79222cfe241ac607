"""The pages in a real browser (Debian's Chromium, headless, through Playwright): the explorer loads from
file:// with no console error and no network request and opens on the views of the first theme; a view
leads to its claims and a claim to its highlighted span; the network and the stance matrix are drawn; a
document full of markup and script executes nothing, in the explorer or in the HTML report; the report
prints as a document (its navigation hidden)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from rapporteur.model import Map
from rapporteur.render.explorer import explorer
from rapporteur.render.report import report

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(os.environ.get("RAPPORTEUR_SHOTS", "/tmp"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("RAPPORTEUR_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{CHROMIUM} is required (RAPPORTEUR_REQUIRE_TOOLS=1)")
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with its console errors, uncaught errors, dialogs and requests recorded."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page(viewport={"width": 1440, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def open(self, path: Path) -> Any:
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        return self.page

    def offsite(self) -> list[str]:
        """Requests other than the page itself and data: URLs (which never leave the page)."""
        return [u for u in self.requests if u.split("#")[0] != self.url and not u.startswith("data:")]


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory: pytest.TempPathFactory, demo_map: Map) -> Path:
    path = tmp_path_factory.mktemp("browser") / "demo.html"
    path.write_text(explorer(demo_map), encoding="utf-8")
    return path


def test_page_opens_on_the_debate_and_leads_to_the_source(
    browser: Any, demo_page: Path, demo_map: Map
) -> None:
    from rapporteur.synthesis import synthesize

    syn = synthesize(demo_map)
    first = next(t for t in syn.themes if t.views)
    w = Watched(browser)
    page = w.open(demo_page)
    page.wait_for_selector("body[data-ready='1']")
    # it opens on the views of the first theme, side by side, proponents on each
    assert page.locator("#debate-title").inner_text() == first.title
    cards = page.locator("#views .view")
    assert sorted(cards.evaluate_all("ns => ns.map(n => n.dataset.view)")) == sorted(
        v.id for v in first.views
    )
    assert page.locator("#tab-claims").is_hidden()
    page.screenshot(path=str(SHOTS / "rapporteur-explorer-debate.png"))

    # a contested theme: its cruxes are marked, a click on a view shows exactly its claims
    theme = next(t for t in syn.themes if t.cruxes)
    page.click(f"#themes button[data-theme='{theme.theme}']")
    crux_views = [v for v in theme.views if set(v.claims) & {p.claim for p in theme.cruxes}]
    assert page.locator("#views .view.crux").count() == len(crux_views)
    view = crux_views[0]
    page.click(f"#views .view[data-view='{view.id}'] .view-label")
    listed = page.locator("#view-claims-list li.claim")
    assert listed.evaluate_all("ns => ns.map(n => n.dataset.id)") == list(view.claims)
    critic = view.critics[0]
    assert (
        page.locator(f"#views .view[data-view='{view.id}'] .person.critic[data-id='{critic}']").count() == 1
    )

    # a click on a claim highlights its exact span in the record
    cid = view.claims[0]
    listed.first.locator(".claim-text").click()
    claim = next(c for c in demo_map.claims if c.id == cid)
    marked = "".join(page.locator("#source-text mark.claim-span").all_text_contents())
    assert marked == claim.text
    assert page.locator("#source-text mark.claim-span").first.is_visible()
    page.screenshot(path=str(SHOTS / "rapporteur-explorer-view.png"))

    # a participant: the claims shown are exactly theirs
    counts: dict[str, int] = {}
    for c in demo_map.claims:
        for pid in {a.participant for a in c.attributions}:
            counts[pid] = counts.get(pid, 0) + 1
    pid = max(counts, key=lambda k: counts[k])
    page.click(f"#people button[data-id='{pid}']")
    found = page.locator("#claims li.claim")
    assert found.count() == counts[pid]
    for i in range(found.count()):
        assert found.nth(i).locator(f".person[data-id='{pid}']").count() >= 1

    # search narrows the list
    page.click("#filters .chip.clear")
    page.fill("#search", "mismanagement")
    for _ in range(50):  # polled from Python: the page's CSP forbids the eval wait_for_function uses
        if page.locator("#claims li.claim").count() < min(150, len(demo_map.claims)):
            break
        page.wait_for_timeout(50)
    texts = page.locator("#claims .claim-text").all_text_contents()
    assert texts and all("mismanagement" in t.lower() for t in texts[:5])
    page.fill("#search", "")
    page.wait_for_timeout(300)

    # the network and the matrix are our own SVG: one circle per person with claims
    people = {a.participant for c in demo_map.claims for a in c.attributions}
    page.click("button[data-tab=network]")
    assert page.locator("#network svg .node").count() == len(people)
    page.screenshot(path=str(SHOTS / "rapporteur-explorer-network.png"))
    page.locator(f"#network svg .node[data-id='{pid}'] circle").click()
    assert page.locator("#claims li.claim").count() == counts[pid]
    page.click("button[data-tab=stances]")
    n = min(60, len(people))
    assert page.locator("#heatmap svg rect.cell").count() == n * n
    page.screenshot(path=str(SHOTS / "rapporteur-explorer-stances.png"))

    assert w.errors == []
    assert w.offsite() == [], "the page must not fetch anything"
    page.close()


PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    '"><img src=x onerror="window.__pwned=2;alert(2)">',
    "[click me](javascript:window.__pwned=3)",
    '<a href="javascript:window.__pwned=4;alert(4)">link</a>',
    "<svg onload=alert(5)>",
]


@pytest.fixture(scope="module")
def xss_map(tmp_path_factory: pytest.TempPathFactory) -> Map:
    """A document whose headings and claims carry markup, mapped by the pipeline; then its participants'
    names and affiliations poisoned too (names come from the roster, which is text as well)."""
    from rapporteur.pipeline import map_document

    p = " ".join(PAYLOADS)
    text = (
        f"# Heading {PAYLOADS[0]}\n\n"
        f"Some participants argued that the reform failed {p} (Smith, Jones). "
        f"But others argued that {PAYLOADS[1]} the model was sound {PAYLOADS[2]} (Brown).\n\n"
        f"## Second {PAYLOADS[1]} heading {PAYLOADS[3]}\n\n"
        f"Was the plan {PAYLOADS[4]} coherent? (Jones) The state {PAYLOADS[3]} was weak (Smith).\n\n"
        "## Appendix: Participants\n\nAnn Smith, Univ. A\nBob Jones, Univ. B\nCy Brown, Univ. C\n"
    )
    path = tmp_path_factory.mktemp("xss") / "xss.md"
    path.write_text(text, encoding="utf-8")
    m = map_document(path)
    assert any("<script>" in c.text or "<img" in c.text for c in m.claims), "payloads must reach claims"
    people = tuple(
        replace(
            x, name=f"{x.name} {PAYLOADS[i % len(PAYLOADS)]}", affiliation=PAYLOADS[(i + 1) % len(PAYLOADS)]
        )
        for i, x in enumerate(m.participants)
    )
    return replace(m, participants=people)


def _exercise(page: Any) -> None:
    page.wait_for_selector("body[data-ready='1']")
    for t in page.locator("#themes button.row").all():
        t.click()
        for v in page.locator("#views .view .view-label").all():
            v.click()  # the label: the card's centre may be a person's chip, which opens their claims
            for c in page.locator("#view-claims-list li.claim .claim-text").all():
                c.click()
    page.click("#whole")
    page.click("button[data-tab=claims]")
    for i in range(page.locator("#claims li.claim").count()):
        page.locator("#claims li.claim .claim-text").nth(i).click()
    for b in page.locator("#people button").all():
        b.click()
        b.click()
    page.click("button[data-tab=network]")
    for node in page.locator("#network svg .node circle").all():
        node.hover()
    page.click("button[data-tab=stances]")
    page.locator("#heatmap svg").hover()
    page.mouse.move(700, 400)
    page.wait_for_timeout(200)


def test_xss_document_executes_nothing(browser: Any, xss_map: Map, tmp_path: Path) -> None:
    path = tmp_path / "xss.html"
    path.write_text(explorer(xss_map), encoding="utf-8")
    w = Watched(browser)
    page = w.open(path)
    _exercise(page)
    page.screenshot(path=str(SHOTS / "rapporteur-explorer-xss.png"))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert w.dialogs == []
    assert (
        page.locator("#claims img, #source-text img, #people img, #themes img, #claims script").count() == 0
    )
    assert page.locator("a[href^='javascript:']").count() == 0
    # the payloads are shown as text
    assert "<script>window.__pwned=1" in page.locator("#themes").inner_text()
    assert (
        page.locator("#network svg image, #network svg script, #heatmap svg script, foreignObject").count()
        == 0
    )
    assert w.errors == [], w.errors
    assert w.offsite() == []
    page.close()


@pytest.mark.parametrize("full", [False, True])
def test_xss_report_executes_nothing(browser: Any, xss_map: Map, tmp_path: Path, full: bool) -> None:
    path = tmp_path / "xss-report.html"
    path.write_text(report(xss_map, "html", full=full), encoding="utf-8")
    w = Watched(browser)
    page = w.open(path)
    page.wait_for_load_state("load")
    for a in page.locator("a[href^='#']").all()[:20]:
        a.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert w.dialogs == [] and w.errors == []
    assert page.locator("img, script, svg, a[href^='javascript:']").count() == 0
    assert w.offsite() == []
    page.close()


def test_report_prints_clean(browser: Any, demo_map: Map, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(report(demo_map, "html"), encoding="utf-8")
    w = Watched(browser)
    page = w.open(path)
    page.wait_for_load_state("load")
    assert page.locator("nav").is_visible()
    page.emulate_media(media="print")
    assert page.locator("nav").is_hidden(), "the print style sheet hides the navigation"
    page.screenshot(path=str(SHOTS / "rapporteur-report-print.png"))
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    (SHOTS / "rapporteur-report.pdf").write_bytes(pdf)
    assert w.errors == [] and w.offsite() == []
    page.close()
