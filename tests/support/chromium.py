"""Debian's chromium for the browser tests, launched headless through Playwright."""
from contextlib import contextmanager
from pathlib import Path

from tests.support.required import missing

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@contextmanager
def launched_chromium(what: str):
    """A running chromium; skips (or, under CI, fails) `what` when chromium is missing."""
    if not CHROMIUM.exists():
        missing(f"{what}: {CHROMIUM} is missing (run scripts/ensure-chromium.sh, or as root apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
