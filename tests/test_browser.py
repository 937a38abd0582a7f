"""The report as a reader sees it: pages opened in headless Chromium, plus the checks' own parts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import CANNOT_INSTALL, ENSURE_CHROMIUM
from narrative import config
from support.browser import anchors_in, broken_links, check_pages, report_pages

SCREENSHOTS = config.REPORTS_DIR / "screenshots"
# A 1x1 PNG: an image that renders without a file.
PIXEL = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def run_ensure(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/sh", str(ENSURE_CHROMIUM)], env=env, capture_output=True, text=True, timeout=900
    )


def fake_bin(folder: Path, scripts: dict[str, str]) -> Path:
    """A PATH folder holding tiny shell scripts and the real ``env``."""
    folder.mkdir()
    (folder / "env").symlink_to("/usr/bin/env")
    for name, body in scripts.items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n")
        (folder / name).chmod(0o755)
    return folder


@pytest.fixture(scope="module")
def report_dir(built_report) -> Path:
    """The report of the default corpus (shared with the other report tests)."""
    assert built_report.ok, [n.error for n in built_report.notebooks]
    return built_report.out_dir


def test_ensure_chromium_prints_the_binary_it_is_told_about(tmp_path: Path):
    binary = fake_bin(tmp_path / "bin", {"my-chromium": "exit 0"}) / "my-chromium"
    done = run_ensure({"PATH": "/nonexistent", "CHROMIUM": str(binary)})
    assert (done.returncode, done.stdout) == (0, f"{binary}\n")
    done = run_ensure({"PATH": "/nonexistent", "CHROMIUM": str(tmp_path / "nothing")})
    assert done.returncode == 1 and "is not an executable" in done.stderr


def test_ensure_chromium_installs_with_apt_get_when_missing(tmp_path: Path):
    folder = tmp_path / "bin"
    log = tmp_path / "apt.log"
    apt_get = (
        f'echo "$DEBIAN_FRONTEND $*" >> {log}\n'
        f'[ "$1" = install ] && printf "#!/bin/sh\\n" > {folder}/chromium '
        f"&& /bin/chmod +x {folder}/chromium\nexit 0"
    )
    fake_bin(folder, {"id": "echo 0", "apt-get": apt_get})
    done = run_ensure({"PATH": str(folder)})
    assert (done.returncode, done.stdout) == (0, f"{folder}/chromium\n"), done.stderr
    assert log.read_text().splitlines() == [
        "noninteractive update -qq",
        "noninteractive install -y -qq chromium",
    ]
    again = run_ensure({"PATH": str(folder)})  # idempotent: found, nothing installed
    assert again.stdout == done.stdout and len(log.read_text().splitlines()) == 2


def test_ensure_chromium_says_when_it_cannot_install(tmp_path: Path):
    done = run_ensure({"PATH": str(fake_bin(tmp_path / "no-apt", {}))})
    assert done.returncode == CANNOT_INSTALL and "no apt-get" in done.stderr
    not_root = fake_bin(tmp_path / "not-root", {"id": "echo 1000", "apt-get": "exit 0"})
    done = run_ensure({"PATH": str(not_root)})
    assert done.returncode == CANNOT_INSTALL and "needs root" in done.stderr


def test_broken_links_known_answers(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a b.csv").write_text("x\n")
    (tmp_path / "pairs").mkdir()
    (tmp_path / "pairs" / "index.html").write_text("<p id='top-fact'>x</p>")
    (tmp_path / "other.html").write_text("<h2 id='Results'>R</h2><a name='old'>o</a>")
    page = tmp_path / "index.html"
    hrefs = [
        "#here",
        "#%C3%A9t%C3%A9",  # decoded, matches the id "été"
        "#elsewhere",
        "#",
        "#top",
        "other.html#Results",
        "other.html#old",
        "other.html#missing",
        "data/a%20b.csv",
        "data/gone.csv",
        "pairs/#top-fact",
        "https://example.org/x",
        "mailto:desk@example.org",
        "file:///etc/passwd",
    ]
    assert broken_links(page, hrefs, ["here", "été"]) == [
        "#elsewhere: no element with id 'elsewhere'",
        "other.html#missing: no element with id 'missing'",
        "data/gone.csv: no such file",
        "file:///etc/passwd: absolute file link, not relative",
    ]
    assert anchors_in(tmp_path / "other.html") == {"Results", "old"}


def test_report_pages_lists_index_first(tmp_path: Path):
    for name in ("02-b.html", "01-a.html", "index.html", "pairs/x.html", "data/t.csv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("")
    assert [p.relative_to(tmp_path).as_posix() for p in report_pages(tmp_path)] == [
        "index.html",
        "01-a.html",
        "02-b.html",
        "pairs/x.html",
    ]


def test_browser_check_finds_each_kind_of_problem(tmp_path: Path, chromium: str):
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<script src='https://example.org/lib.js'></script></head><body>"
        f"<p id='here'>x</p><img src='{PIXEL}'><img src='missing.png'>"
        "<a href='#here'>ok</a> <a href='gone.html'>gone</a> <a href='good.html'>good</a>"
        "<script>console.error('boom')</script><script>throw new Error('kaput')</script>"
        "</body></html>"
    )
    good = tmp_path / "good.html"
    good.write_text(f"<!DOCTYPE html><p>fine</p><img src='{PIXEL}'><a href='bad.html#here'>b</a>")
    found_bad, found_good = check_pages(
        [bad, good], executable=chromium, screenshots=tmp_path / "shots", root=tmp_path
    )
    assert found_bad.outside_requests == ["https://example.org/lib.js"]
    assert found_bad.page_errors == ["Error: kaput"]
    assert found_bad.broken_images == ["missing.png"]
    assert found_bad.broken_links == ["gone.html: no such file"]
    # The blocked script's own "Failed to load resource" is reported once, as an outside request.
    assert sorted(found_bad.console_errors) == [
        f"Failed to load resource: net::ERR_FILE_NOT_FOUND ({(tmp_path / 'missing.png').as_uri()})",
        f"boom ({bad.as_uri()})",
    ]
    assert found_good.problems == []
    assert found_good.screenshot == tmp_path / "shots" / "good.png"
    assert found_good.screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_pages_work_in_a_browser(report_dir: Path, chromium: str):
    pages = report_pages(report_dir)
    names = [p.relative_to(report_dir).as_posix() for p in pages]
    assert names[0] == "index.html"
    assert any(n[:2].isdigit() and n.endswith(".html") for n in names), names
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    checks = check_pages(pages, executable=chromium, screenshots=SCREENSHOTS, root=report_dir)
    for check in checks:
        print(f"screenshot of {check.page.relative_to(report_dir)}: {check.screenshot}")
        assert check.screenshot.stat().st_size > 0
    problems = {
        check.page.relative_to(report_dir).as_posix(): check.problems
        for check in checks
        if check.problems
    }
    assert problems == {}
