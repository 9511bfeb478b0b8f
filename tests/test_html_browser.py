"""The HTML report opened in headless Chromium: it renders, with highlights, and runs no script."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_html_report_screenshot(invoke, tmp_path):
    page = tmp_path / "report.html"
    assert invoke("score", "--format", "html", "-o", page, SEED).exit_code == 0
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1800",
         f"--screenshot={shot}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    keep = __import__("os").environ.get("RHETORIC_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
    html = page.read_text()
    assert 'class="loaded_language"' in html and "<script" not in html
