"""HTML validity tests: the W3C Nu Html Checker (vnu.jar from the npm package vnu-jar) over
the rendered pages. Marked ``html``: ``make test`` leaves them out, ``make test-html``
installs the checker (scripts/install-vnu.sh) and runs only these."""

from pathlib import Path

import pytest


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.html)
