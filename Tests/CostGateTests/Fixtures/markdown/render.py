#!/usr/bin/env python3
"""Renders costgate's hostile-name Markdown with GitHub's renderer (cmark-gfm and its GFM extensions).

Reads hostile-markdown.json (written by `COSTGATE_RECORD=1 swift test --filter MarkdownTests`) and writes
hostile-rendered.json, which MarkdownTests checks. Run it by hand after re-recording:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install cmarkgfm
    /tmp/venv/bin/python Tests/CostGateTests/Fixtures/markdown/render.py
"""
import json
import os

import cmarkgfm
from cmarkgfm.cmark import Options

HERE = os.path.dirname(os.path.abspath(__file__))



def render(markdown):
    # GitHub renders comments as GFM with these extensions; UNSAFE keeps raw HTML so a leak would show.
    # github_flavored_markdown_to_html applies table, autolink, tagfilter, strikethrough and tasklist.
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def main():
    with open(os.path.join(HERE, "hostile-markdown.json"), encoding="utf-8") as source:
        vectors = json.load(source)
    for vector in vectors:
        vector["html"] = render(vector["markdown"])
    with open(os.path.join(HERE, "hostile-rendered.json"), "w", encoding="utf-8") as target:
        json.dump(vectors, target, ensure_ascii=False, indent=2, sort_keys=True)
        target.write("\n")
    print(f"rendered {len(vectors)} vectors with cmarkgfm {cmarkgfm.__version__ if hasattr(cmarkgfm, '__version__') else ''}")


if __name__ == "__main__":
    main()
