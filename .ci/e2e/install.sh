#!/usr/bin/env bash
# Installs what the end-to-end stages need (.ci/e2e/run.py installs nothing itself). Idempotent and quiet:
# each package is installed only when it is missing.
#   Debian: postgresql (the throwaway cluster), chromium + chromium-driver (browser.py)
#   PyPI:   schemathesis 4.32 (the API fuzzing stage; its command line changes between versions), selenium (browser.py), and axe-playwright-python 0.1.8
#           without its dependencies: browser.py only reads the axe.min.js it bundles (no Playwright).
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e install: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pip_install() {
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore "$@"
}
python3 -c "import selenium" 2>/dev/null || { echo "e2e install: pip selenium"; pip_install selenium==4.51.0; }
command -v schemathesis >/dev/null || { echo "e2e install: pip schemathesis"; pip_install schemathesis==4.32.5; }
python3 -c "import axe_playwright_python" 2>/dev/null \
  || { echo "e2e install: pip axe-playwright-python (no deps)"; pip_install --no-deps axe-playwright-python==0.1.8; }
