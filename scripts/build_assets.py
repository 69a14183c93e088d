"""Build the front-end assets into static/build/ from node_modules and static/src/.

GOV.UK Frontend's Sass is compiled from static/scss/govuk.scss (with npm's `sass`, pure
JavaScript) so that the service uses Arial: the GDS Transport typeface is licensed for GOV.UK
services only, and a council's service is not one. The JavaScript and images are copied. The
CSS points at /assets/...; we rewrite those to relative URLs so they resolve next to the
stylesheet, under /static/build/assets/, whatever STATIC_URL is. Idempotent: a file is only
written when its content changes.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
GOVUK = NODE / "govuk-frontend" / "dist" / "govuk"
SRC = ROOT / "static" / "src"
SCSS = ROOT / "static" / "scss" / "govuk.scss"
SASS = NODE / ".bin" / "sass"
BUILD = ROOT / "static" / "build"

# (source, destination inside static/build/)
COPIES = [
    (GOVUK / "govuk-frontend.min.js", "govuk-frontend.min.js"),
    (GOVUK / "govuk-frontend.min.js.map", "govuk-frontend.min.js.map"),
    (NODE / "htmx.org" / "dist" / "htmx.min.js", "htmx.min.js"),
]


def write_if_changed(destination, content, log):
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists() and destination.read_bytes() == content:
        log.append(f"unchanged  {destination.relative_to(ROOT)}")
        return
    destination.write_bytes(content)
    log.append(f"wrote      {destination.relative_to(ROOT)}")


def rewrite_asset_urls(css):
    """url(/assets/fonts/x.woff2) -> url(assets/fonts/x.woff2), relative to the stylesheet."""
    return re.sub(r"url\((['\"]?)/assets/", r"url(\1assets/", css)


def build():
    missing = [str(path) for path in (GOVUK, NODE / "htmx.org", SASS) if not path.exists()]
    if missing:
        sys.exit(f"build_assets: missing {', '.join(missing)}; run `npm ci` first")
    log = []
    compiled = subprocess.run(
        [str(SASS), f"--load-path={NODE}", "--style=compressed", "--no-source-map", "--quiet-deps", str(SCSS)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    css = rewrite_asset_urls(compiled)
    if "url(/assets/" in css:
        sys.exit("build_assets: some GOV.UK Frontend asset URLs were not rewritten")
    write_if_changed(BUILD / "govuk-frontend.min.css", css.encode("utf-8"), log)
    for source, name in COPIES:
        write_if_changed(BUILD / name, source.read_bytes(), log)
    for source in sorted((GOVUK / "assets").rglob("*")):
        if source.is_file() and "fonts" not in source.parts:
            write_if_changed(BUILD / "assets" / source.relative_to(GOVUK / "assets"), source.read_bytes(), log)
    for source in sorted(SRC.glob("*")):
        if source.is_file():
            write_if_changed(BUILD / source.name, source.read_bytes(), log)
    (BUILD / ".built").touch()
    return log


if __name__ == "__main__":
    for line in build():
        print(line)
    print(f"build_assets: static/build/ is up to date ({BUILD})")
