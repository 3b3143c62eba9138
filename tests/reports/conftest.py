import datetime
import os
import shutil

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.period import Period


@pytest.fixture
def seeded(db):
    """The Ludwigsburg facts (loaded by the command, wherever the seed module lives)."""
    call_command("load_ludwigsburg", verbosity=0)


@pytest.fixture
def year_2018():
    return Period.calendar_year(2018)


def local(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def poppler(tool: str) -> str:
    """Path of a poppler tool (scripts/install-report-tools.sh); missing only outside CI."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} missing: run scripts/install-report-tools.sh")
        pytest.skip(f"{tool} not installed (scripts/install-report-tools.sh)")
    return path
