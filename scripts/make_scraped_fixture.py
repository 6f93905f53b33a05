"""Build tests/fixtures/scraped/: 25 of the bundled Wikinews articles as a scraper would dump their pages from an
invented news site, without metadata: a menu and a cookie banner above, the headline, the article text byte for
byte, then related headlines, a newsletter box and a footer. Run from the project root:

    python scripts/make_scraped_fixture.py

The choice (every 12th Wikinews file) and the boilerplate are fixed, so the folder is rebuilt identically."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
OUT = ROOT / "tests" / "fixtures" / "scraped"
EVERY = 12

MENU = ["Home", "World", "Politics", "Business", "Science", "Sport", "Opinion", "Log in | Subscribe"]
COOKIES = ("We use cookies to give you the best experience on our site. By continuing to browse you agree to our "
           "use of cookies. Accept | Manage settings")
NEWSLETTER = ["Get the Morning Ledger in your inbox", "Sign up for our free daily newsletter. Enter your email",
              "Sign up"]
FOOTER = ["About us | Contact | Advertise with us | Careers", "Privacy policy | Cookie policy | Terms of use",
          "© 2024 The Morning Ledger (an invented site). All rights reserved."]


def main() -> None:
    with (ROOT / "data" / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        titles = {row["article_id"]: row["title"] for row in csv.DictReader(handle)}
    chosen = sorted(p for p in RAW.glob("wikinews_*.txt"))[::EVERY]
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.txt"):
        old.unlink()
    for n, path in enumerate(chosen):
        others = [titles[p.stem] for p in chosen[n + 1 : n + 6] + chosen[: max(0, n + 6 - len(chosen))]]
        related = ["Related stories", *others]
        page = [*MENU, COOKIES, "", titles[path.stem], "", path.read_text(encoding="utf-8").rstrip("\n"), "",
                *related, "", *NEWSLETTER, "", *FOOTER]
        (OUT / f"ledger_{n + 1:03d}.txt").write_text("\n".join(page) + "\n", encoding="utf-8")
    print(f"{len(chosen)} pages in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
