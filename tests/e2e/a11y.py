"""Accessibility and phone-layout checks the browser journeys run on every page they visit.

`assert_accessible(page, step)` injects axe-core (from `tests/e2e/node_modules`, installed by
`.ci/run`; no CDN), fails on any serious or critical violation, fails when the page scrolls
sideways at its current width, and keeps a full-page screenshot of the step under
`test-artifacts/screens/<test>/<step>.png`. A step seen on a wider screen is also looked at
390 px wide (no sideways scroll there either, and a `<step>-390px.png` screenshot), so every
journey step has its phone picture.
"""

import os
import re
from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE_WIDTH = 390

_RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }));
}"""

_HORIZONTAL_OVERFLOW = (
    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
)


def _test_name() -> str:
    current = os.environ.get("PYTEST_CURRENT_TEST", "journey").split(" ")[0]
    return re.sub(r"[^\w.-]+", "_", current.split("::", 1)[-1])[:120]


def _screenshot(page, step: str) -> None:
    folder = SCREENS / _test_name()
    folder.mkdir(parents=True, exist_ok=True)
    file_name = re.sub(r"[^\w.-]+", "_", step) + ".png"
    # CSS pixels: a 2x phone screen would take four times the pixels to encode.
    page.screenshot(path=str(folder / file_name), full_page=True, scale="css")


def axe_violations(page) -> list[dict]:
    """The serious and critical axe-core violations of the page as it is now."""
    if not AXE_SCRIPT.exists():
        message = f"axe-core missing: run `npm ci` in {AXE_SCRIPT.parents[2]}"
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not govern (a
        # <script> tag would be refused by it, as it should be).
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")
    return [v for v in page.evaluate(_RUN_AXE) if v["impact"] in BLOCKING_IMPACTS]


def _assert_no_sideways_scroll(page, step: str) -> None:
    overflow = page.evaluate(_HORIZONTAL_OVERFLOW)
    width = page.viewport_size["width"] if page.viewport_size else "?"
    assert overflow <= 0, f"{step} ({page.url}) scrolls sideways by {overflow}px at {width}px"


def _check_at_phone_width(page, step: str) -> None:
    """Look at the step 390 px wide too (then give the page its own size back)."""
    size = page.viewport_size
    if not size or size["width"] <= PHONE_WIDTH:
        return
    page.set_viewport_size({"width": PHONE_WIDTH, "height": size["height"]})
    try:
        _screenshot(page, f"{step}-{PHONE_WIDTH}px")
        _assert_no_sideways_scroll(page, step)
    finally:
        page.set_viewport_size(size)


def assert_accessible(page, step: str) -> None:
    """Screenshot the step, then fail on serious/critical axe violations or sideways scroll
    (at the page's width and at 390 px)."""
    page.wait_for_load_state("load")
    _screenshot(page, step)
    violations = axe_violations(page)
    assert not violations, f"{step} ({page.url}): " + "; ".join(
        f"{v['impact']} {v['id']} ({v['help']}) at {', '.join(v['targets'])}" for v in violations
    )
    _assert_no_sideways_scroll(page, step)
    _check_at_phone_width(page, step)
