"""The review desk of `rhetoric serve`, driven end to end in a real headless Chromium (Selenium).

What it proves: a reviewer created with `rhetoric users add-reviewer` signs in through the browser, sees the
queue, opens the tabloid article (verdict REVIEW, double-labelled passages, scores shown as text), dismisses a
flag with one click, marks a missed passage by selecting words (the selection is turned into the mark form's
fields by /static/review.js), approves with the "a" keyboard shortcut, and the decision with both corrections
lands in the SQLite queue: `rhetoric queue show` and `rhetoric queue export-labels` see it outside the browser.

The server runs as a real subprocess (`python -m rhetoric serve`) on a free loopback port. Chromium and its
driver are Debian's (/usr/bin/chromium, /usr/bin/chromedriver); Selenium Manager is never asked to download
anything. Screenshots are written to tests/artifacts/ (queue.png, article.png, decided.png), which git ignores
and CI keeps as artefacts.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import DATA

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "correct horse battery"
WAIT = 20  # seconds, for every explicit wait

pytestmark = [
    pytest.mark.skipif(not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)),
                       reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)"),
]


def _rhetoric(*args, env, stdin: str | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "rhetoric", *map(str, args)], input=stdin, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"rhetoric {' '.join(map(str, args))}: {done.returncode}\n{done.stderr}"
    return done


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_serving(base: str, server: subprocess.Popen, timeout: float = 30.0) -> None:
    """Poll /signin (it answers 200 without a session; with --users the /v1 API wants a bearer token)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"rhetoric serve exited with {server.returncode}: {server.stderr.read()}")
        try:
            with urllib.request.urlopen(f"{base}/signin", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail(f"rhetoric serve did not answer {base}/signin within {timeout:g} s")


@pytest.fixture()
def desk(tmp_path):
    """A users file with alice, a queue with the tabloid (#1, review) and the wire story (#2), and the server."""
    env = {**os.environ, "RHETORIC_DB": str(tmp_path / "queue.sqlite")}
    env.pop("RHETORIC_MODEL", None)
    env.pop("RHETORIC_OUTLET", None)
    db, users = tmp_path / "queue.sqlite", tmp_path / "users.toml"
    _rhetoric("users", "add-reviewer", users, "alice", "--password-stdin", env=env, stdin=PASSWORD + "\n")
    added = _rhetoric("queue", "add", "--db", db, DATA / "tabloid_article.txt", DATA / "wire_article.txt", env=env)
    assert "#1 added" in added.stdout and "tabloid_article.txt (review)" in added.stdout, added.stdout
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "rhetoric", "serve", "--db", str(db), "--users", str(users), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_serving(base, server)
        yield {"base": base, "db": db, "env": env}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()


@pytest.fixture()
def browser(tmp_path, monkeypatch):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager, should it ever run, must not download
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1800",
                     "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    assert driver.save_screenshot(str(path)), f"no screenshot written to {path}"
    return path


def test_review_flow_in_the_browser(desk, browser):
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    base, driver = desk["base"], browser

    class wait:  # noqa: N801 - reads like WebDriverWait; a timeout says where the browser was
        @staticmethod
        def until(condition):
            try:
                return WebDriverWait(driver, WAIT).until(condition)
            except TimeoutException:
                body = driver.find_element(By.TAG_NAME, "body").text[:600]
                pytest.fail(f"waited {WAIT} s in vain at {driver.current_url}; the page says:\n{body}")

    def css(selector: str):
        return wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, selector)))

    def submitted(element) -> None:
        """Wait until the page `element` belonged to is gone (a form post and its 303 redirect are done).
        While the old document is torn down, ChromeDriver may answer the staleness probe with "Node with
        given id does not belong to the document" instead of a stale-element error: poll again."""
        try:
            WebDriverWait(driver, WAIT, ignored_exceptions=(WebDriverException,)).until(ec.staleness_of(element))
        except TimeoutException:
            pytest.fail(f"waited {WAIT} s in vain for the page to change at {driver.current_url}")

    def text_of(selector: str, contains: str) -> str:
        wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, selector), contains))
        return driver.find_element(By.CSS_SELECTOR, selector).text

    # 3. Signing in: /queue sends a stranger to /signin, and back to /queue afterwards.
    driver.get(f"{base}/queue")
    wait.until(ec.url_contains("/signin"))
    form = css("#signin")
    form.find_element(By.CSS_SELECTOR, "input[name=user]").send_keys("alice")
    form.find_element(By.CSS_SELECTOR, "input[name=password]").send_keys(PASSWORD)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    submitted(form)
    assert "left to review" in text_of("#left", "left to review")
    link = wait.until(ec.element_to_be_clickable((By.XPATH, "//a[contains(@class, 'article-link')]"
                                                            "[contains(., 'tabloid_article.txt')]")))
    assert link.get_attribute("href").endswith("/queue/1")
    _screenshot(driver, "queue.png")

    # 4. The article: verdict, every label's passages at once (some doubly labelled), scores as text.
    link.click()
    wait.until(ec.url_contains("/queue/1"))
    assert "REVIEW" in text_of("#verdict", "REVIEW")
    marks = wait.until(ec.presence_of_all_elements_located((By.CSS_SELECTOR, "#text mark")))
    classes = [set((m.get_attribute("class") or "").split()) for m in marks]
    assert any({"hedging", "unattributed_speculation"} <= c for c in classes), classes
    flagged = text_of("#flagged", "Loaded language 1.00")  # visible without hovering
    assert "Unattributed speculation" in flagged
    _screenshot(driver, "article.png")

    # 5. One click dismisses a flag.
    dismiss = css("button.dismiss")
    index, label = dismiss.get_attribute("data-index"), dismiss.get_attribute("data-label")
    assert index and label
    dismiss.click()
    submitted(dismiss)
    corrections = text_of("#corrections", "= 0")
    assert f"#{index}" in corrections and "(1)" in corrections, corrections

    # 6. Selecting words in the text fills the mark form (review.js listens for mouseup).
    words = "declined to comment"
    sentence = css("#s3")
    assert "The company declined to comment." in sentence.text
    driver.execute_script(
        """
        const span = arguments[0], words = arguments[1];
        const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode()) && node.data.indexOf(words) < 0) {}
        const at = node.data.indexOf(words);
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + words.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        document.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        """,
        sentence, words,
    )
    mark = css("#mark")
    index_field = mark.find_element(By.CSS_SELECTOR, "input[name=index]")
    passage_field = mark.find_element(By.CSS_SELECTOR, "input[name=passage]")
    wait.until(lambda _driver: passage_field.get_attribute("value") == words)
    assert index_field.get_attribute("value") == "3"
    Select(mark.find_element(By.CSS_SELECTOR, "select[name=label]")).select_by_value("hedging")
    button = css("#mark-button")
    button.click()
    submitted(button)
    corrections = text_of("#corrections", "(2)")
    assert f"#{index}" in corrections and "= 0" in corrections, corrections
    assert "#3" in corrections and "= 1" in corrections and words in corrections, corrections

    # 7. A note, then the "a" shortcut on the page (not in the textarea) approves.
    note = css("#decision textarea[name=note]")
    note.send_keys("Checked against the wire copy.")
    heading = css("main h1")
    heading.click()  # focus leaves the textarea, so "a" is a shortcut and not a letter of the note
    ActionChains(driver).send_keys("a").perform()
    submitted(heading)
    wait.until(ec.url_contains("notice="))
    # #2 (the wire story) passed the gate, so nothing is left to review: the desk goes back to the queue.
    wait.until(lambda d: d.current_url.split("?")[0].rstrip("/").endswith("/queue"))
    assert "0" in text_of("#left", "left to review").split()[0]
    _screenshot(driver, "decided.png")
    notices = [n.text for n in driver.find_elements(By.CSS_SELECTOR, ".notice")]  # checked last, below

    # 8. Outside the browser: the queue holds the decision and both corrections.
    shown = json.loads(_rhetoric("queue", "show", "1", "--db", desk["db"], "--format", "json", env=desk["env"]).stdout)
    assert shown["status"] == "approved"
    last = shown["history"][-1]
    assert last["reviewer"] == "alice" and last["decision"] == "approve"
    assert last["note"] == "Checked against the wire copy."
    relabels = {(c["index"], c["label"]): c for c in last["relabels"]}
    assert len(relabels) == 2, last["relabels"]
    assert relabels[(int(index), label)]["value"] == 0 and not relabels[(int(index), label)].get("passage")
    assert relabels[(3, "hedging")]["value"] == 1 and relabels[(3, "hedging")]["passage"] == words

    exported = _rhetoric("queue", "export-labels", "--db", desk["db"], env=desk["env"]).stdout
    rows = [json.loads(line) for line in exported.splitlines() if line.strip()]
    marked = [r for r in rows if r.get("text") == "The company declined to comment."]
    assert len(marked) == 1, rows
    assert marked[0]["hedging"] == 1 and marked[0]["passages"] == {"hedging": [words]}, marked[0]
    assert marked[0]["provenance"] == "review", marked[0]

    # The decision redirects with ?notice=...; the page it lands on must say what was done.
    assert any("#1 approved" in n for n in notices), f"no notice shown at {driver.current_url}"

