"""Checks charts.json with Mermaid itself and writes rendered.json (run by hand; `swift test` reads the result).

Each chart is parsed by `mermaid.parse` and drawn by `mermaid.render` (Mermaid 11.16.0; GitHub and GitLab
run their own, possibly older, Mermaid versions, which this does not check) in headless Chromium (Debian's `chromium`); the x-axis labels are read back from the
drawn SVG, so a test can check that every label is drawn exactly as written.

    apt-get install -y chromium
    python3 validate.py [--mermaid path/to/mermaid.min.js]

Without --mermaid, Mermaid comes from the `artoo-mermaid` wheel on PyPI (which vendors mermaid.min.js 11.16.0),
downloaded with pip into a temporary folder and checked against its published SHA-256.
"""
import argparse
import hashlib
import html
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
MERMAID_SHA256 = "74d7c46dabca328c2294733910a8aa1ed0c37451776e8d5295da38a2b758fb9b"


def mermaid_script(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "artoo-mermaid==11.16.0", "--no-deps", "--only-binary=:all:",
                    "--python-version", "3.12", "-q", "-d", str(folder)], check=True)
    wheel = next(folder.glob("artoo_mermaid-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        data = archive.read("artoo_mermaid/assets/mermaid.min.js")
    path = folder / "mermaid.min.js"
    path.write_bytes(data)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mermaid", type=Path)
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    charts = json.loads((HERE / "charts.json").read_text())
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        script = args.mermaid or mermaid_script(folder)
        digest = hashlib.sha256(script.read_bytes()).hexdigest()
        if digest != MERMAID_SHA256:
            sys.exit(f"mermaid.min.js has SHA-256 {digest}, expected {MERMAID_SHA256}")
        (folder / "mermaid.min.js").write_bytes(script.read_bytes())
        sources = json.dumps([c["chart"].split("\n", 1)[1].rsplit("```", 1)[0] for c in charts])
        page = f"""<!doctype html><html><body><pre id="out">pending</pre>
<script src="mermaid.min.js"></script>
<script>
const sources = {sources};
mermaid.initialize({{startOnLoad: false}});
(async () => {{
  const results = [];
  for (let i = 0; i < sources.length; i++) {{
    try {{
      const parsed = await mermaid.parse(sources[i]);
      const drawn = await mermaid.render('chart' + i, sources[i]);
      const svg = new DOMParser().parseFromString(drawn.svg, 'image/svg+xml');
      // The category axis is at the bottom, or on the left in a horizontal chart.
      const axis = sources[i].startsWith('xychart-beta horizontal') ? 'left-axis' : 'bottom-axis';
      const labels = [...svg.querySelectorAll('g.' + axis + ' g.label text')].map(t => t.textContent);
      results.push({{ok: parsed.diagramType === 'xychart', labels}});
    }} catch (e) {{
      results.push({{ok: false, error: String(e.message || e)}});
    }}
  }}
  document.getElementById('out').textContent = JSON.stringify(results);
}})();
</script></body></html>"""
        (folder / "page.html").write_text(page)
        dom = subprocess.run([args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=30000",
                              "--dump-dom", (folder / "page.html").as_uri()], capture_output=True, text=True, check=True).stdout
    match = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    results = json.loads(html.unescape(match.group(1)))
    out = [dict(chart, **result) for chart, result in zip(charts, results)]
    (HERE / "rendered.json").write_text(json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    failed = [c["name"] for c in out if not c["ok"]]
    print(f"{len(out)} charts, {len(failed)} rejected: {failed}")


if __name__ == "__main__":
    main()
