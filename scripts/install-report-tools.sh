#!/usr/bin/env bash
# Installs the Debian packages the reports need, once:
# Pango and HarfBuzz-Subset (WeasyPrint lays out the PDF and subsets its fonts), DejaVu fonts (the PDF's and the Word
# charts' only font, from the system: nothing is downloaded while rendering), and
# poppler-utils (pdftotext and pdftoppm: the tests read the PDF, the README's page image).
# Idempotent: does nothing when everything is there.
set -euo pipefail

missing=()
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
ldconfig -p | grep -q 'libpango-1\.0\.so' || missing+=(libpango-1.0-0)
ldconfig -p | grep -q 'libpangoft2-1\.0\.so' || missing+=(libpangoft2-1.0-0)
# WeasyPrint subsets the embedded fonts with it (and warns, which the tests treat as an error).
ldconfig -p | grep -q 'libharfbuzz-subset\.so' || missing+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
    echo "report tools already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "installed: ${missing[*]}"
