"""Publication: a public build needs a public address; robots.txt names the sitemap; sitemap dates
come from the data, the same from one build to the next."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys

import pytest
from lxml import etree

from actes.urls import public_url_problem
from conftest import ROOT, SITE_URL

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_dates(site) -> dict[str, str]:
    document = etree.parse(str(site.root / "sitemap.xml"))
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in document.iter(f"{SITEMAP}url")}


def test_sitemap_dates_come_from_the_data(site, corpus):
    dates = sitemap_dates(site)
    assert len(dates) == len([p for p in site.pages if p != "404.html"])
    assert dates[SITE_URL + "recommandations/SN2018-03/"] == "2018-10-05"
    assert dates[SITE_URL + "journees/2018-10-05-strategie-numerique/conclusion/"] == "2018-10-05"
    assert dates[SITE_URL + "donnees/"] == corpus.newest_date.isoformat()
    assert dates[SITE_URL + "a-propos/"] == "2026-11-29"  # its front matter's `updated`
    compressed = gzip.decompress((site.root / "sitemap.xml.gz").read_bytes())
    assert compressed == (site.root / "sitemap.xml").read_bytes()


def test_robots_txt_names_the_sitemap(site):
    assert (site.root / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n")


@pytest.mark.parametrize("url, problem", [
    (None, "l'adresse publique du site manque (ACTES_SITE_URL)"),
    ("http://127.0.0.1:8000/", "l'adresse publique doit commencer par https:// : 'http://127.0.0.1:8000/'"),
    ("https://localhost/", "l'adresse publique doit être celle d'un hôte public, pas d'une machine locale ni d'un "
                           "exemple : 'https://localhost/'"),
    ("https://actes.example.fr/", "l'adresse publique doit être celle d'un hôte public, pas d'une machine locale ni "
                                  "d'un exemple : 'https://actes.example.fr/'"),
    ("https://actes.culture.gouv.fr", "l'adresse publique doit se terminer par « / » : 'https://actes.culture.gouv.fr'"),
    ("https://actes.culture.gouv.fr/", None),
])
def test_public_address_rules(url, problem):
    assert public_url_problem(url) == problem


def publish(tmp_path, site_url: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACTES_PUBLICATION": "1"}
    env.pop("ACTES_SITE_URL", None)
    if site_url:
        env["ACTES_SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
                           "--site-dir", str(tmp_path / "site")], capture_output=True, text=True, env=env, cwd=ROOT)


def test_a_public_build_without_a_public_address_is_refused(tmp_path):
    for url in (None, "http://127.0.0.1:8000/"):
        result = publish(tmp_path, url)
        assert result.returncode != 0
        assert "Publication refusée :" in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "site").exists()


def test_a_public_build_uses_the_public_address_everywhere(tmp_path):
    public = "https://actes.culture.gouv.fr/"
    result = publish(tmp_path, public)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert f"Sitemap: {public}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    page = (site / "recommandations/SN2018-03/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{public}recommandations/SN2018-03/">' in page
    assert "127.0.0.1" not in page
    for path in ("citations/SN2018-03.ris", "donnees/recommandations.csv", "flux/recommandations.atom", "sitemap.xml"):
        text = (site / path).read_text(encoding="utf-8")
        assert public in text and "127.0.0.1" not in text, path
