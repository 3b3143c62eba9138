"""Small assertion helpers shared by the browser tests."""

from axe_playwright_python.sync_playwright import Axe

# BITV 2.0 refers to WCAG 2.1 AA: only rules tagged with these levels count.
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    # Passes and inapplicable rules are left out of the report; violations and the
    # "incomplete" results (axe could not decide: a person must) come with their nodes.
    "resultTypes": ["violations", "incomplete"],
}

# axe's "incomplete" results that a person reviewed and found to meet WCAG 2.1 AA:
# (rule id, node, why it is fine). The node is the CSS selector axe reports, or
# "class:<name>" for every node of that class (drawn pictures, whose positions change
# with the data). Every other incomplete result fails the audit like a violation: it is
# a question nobody answered.
REVIEWED_INCOMPLETE: list[tuple[str, str, str]] = [
    (
        "color-contrast",
        "class:graph__label",
        "Labels of the network pictures: text in --c-text on the picture's white canvas, "
        "painted over a 3.5 px white halo (paint-order: stroke), so even where a line or a "
        "shape passes behind a label the glyphs stand on white (the same ratio as body text). "
        "axe cannot compute a background inside SVG.",
    ),
]


def _reviewed(rule: str, node: dict) -> bool:
    target = ", ".join(map(str, node["target"]))
    for reviewed_rule, marker, _reason in REVIEWED_INCOMPLETE:
        if reviewed_rule != rule:
            continue
        if marker.startswith("class:"):
            if f'class="{marker.removeprefix("class:")}' in node.get("html", ""):
                return True
        elif marker == target:
            return True
    return False


_axe = Axe()


def axe_results(page) -> dict:
    """Run axe-core (bundled with axe-playwright-python) on the page as it is now."""
    return _axe.run(page, options=AXE_OPTIONS).response


def unreviewed_incomplete(incomplete: list[dict]) -> list[dict]:
    """The incomplete results with the nodes that REVIEWED_INCOMPLETE does not cover."""
    open_questions = []
    for result in incomplete:
        nodes = [node for node in result["nodes"] if not _reviewed(result["id"], node)]
        if nodes:
            open_questions.append({**result, "nodes": nodes})
    return open_questions


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A/AA violations plus every incomplete result nobody reviewed."""
    response = axe_results(page)
    return response["violations"] + unreviewed_incomplete(response.get("incomplete", []))


# axe only lists an aria-describedby that points nowhere as "needs review" (the element might
# be added later); on a rendered page it means a hint or error is never read out.
BROKEN_ID_REFERENCES = """() => {
  const problems = [];
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls',
                      'aria-errormessage']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          problems.push(`${el.outerHTML.slice(0, 120)}: ${attr} -> #${id} does not exist`);
        }
      }
    }
  }
  return problems;
}"""


def broken_id_references(page) -> list[str]:
    return page.evaluate(BROKEN_ID_REFERENCES)


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append(f"      {node['failureSummary'].splitlines()[-1].strip()}")
            # An incomplete result says why axe could not decide.
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                if check.get("message"):
                    lines.append(f"      needs review: {check['message'][:200]}")
                    break
    return "\n".join(lines)


def assert_accessible(page, label: str = "") -> None:
    """Zero WCAG 2.1 A/AA violations on the current page, no ARIA reference into nothing."""
    violations = axe_violations(page)
    where = label or page.url
    assert not violations, f"axe violations on {where}:\n{describe_violations(violations)}"
    broken = broken_id_references(page)
    assert not broken, f"broken ARIA references on {where}:\n" + "\n".join(broken)


def assert_no_horizontal_scroll(page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width}px > {width}px"
