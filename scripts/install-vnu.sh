#!/usr/bin/env bash
# Installs the W3C Nu Html Checker (the npm package vnu-jar) into node_modules/ for
# tests/html/ (make test-html), once, and Java to run it when it is missing.
# Idempotent: does nothing when both are there. node_modules/ is gitignored;
# --no-save keeps package.json/package-lock.json out of the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

VNU_JAR=node_modules/vnu-jar/build/dist/vnu.jar

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

if ! command -v java >/dev/null 2>&1; then
    $SUDO apt-get update
    $SUDO apt-get install -y default-jre-headless
fi
if ! command -v npm >/dev/null 2>&1; then
    $SUDO apt-get update
    $SUDO apt-get install -y npm
fi
if [ ! -f "$VNU_JAR" ]; then
    npm install --no-save --no-audit --no-fund vnu-jar
fi
java -version 2>&1 | head -1
java -jar "$VNU_JAR" --version
