"""Small assertion helpers shared by the browser tests."""

from axe_playwright_python.sync_playwright import Axe

# BITV 2.0 refers to WCAG 2.1 AA: only rules tagged with these levels count.
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    "resultTypes": ["violations"],
}

_axe = Axe()


def axe_violations(page) -> list[dict]:
    """Run axe-core (bundled with axe-playwright-python) on the page as it is now."""
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


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
