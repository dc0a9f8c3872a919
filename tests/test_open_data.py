"""The open data package: validated by frictionless, its rows matched against the built pages, its
DCAT catalogue read by rdflib, its schema.org Dataset by extruct; every output byte-identical from
one build to the next, and in the permalink ledger."""

from __future__ import annotations

import csv
import json
import re
import shutil

import extruct
import pytest
import rdflib
from frictionless import validate

from actes.permalinks import LEDGER_FILE, read_ledger
from conftest import ROOT, SITE_URL, Site, as_written, build

TABLES = ["journees", "interventions", "intervenants", "personnes", "tours", "recommandations",
          "recommandations_fonctions", "reprises", "fonctions"]
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


def rows(site: Site, table: str) -> list[dict]:
    with open(site.root / "donnees" / f"{table}.csv", encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def site_file(site: Site, url: str) -> str:
    """The built file an absolute URL of the site points to (its fragment dropped)."""
    assert url.startswith(SITE_URL), url
    return site.file_for(url[len(SITE_URL) - 1:].split("#")[0])


def test_the_data_package_is_valid_for_frictionless(site, corpus):
    """The tables, then each day's PDF (its size and SHA-256 checked against the file)."""
    report = validate(site.root / "donnees/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    documents = [f"actes-{day.slug}" for day in corpus.days]
    assert [task.name for task in report.tasks] == TABLES + documents
    # Every table has rows but the speaker turns: the 2018 day is one speech (tests/test_who_said_what.py
    # checks them on a day with round tables; tests/test_follow_ups.py the follow-ups across days).
    assert all(task.stats.get("rows", 0) > 0 for task in report.tasks
               if task.name in TABLES and task.name not in ("tours", "reprises"))
    descriptor = json.loads((site.root / "donnees/datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"][len(TABLES):]:
        assert resource["mediatype"] == "application/pdf" and (site.root / "donnees" / resource["path"]).is_file()


def test_frictionless_catches_a_pdf_that_is_not_the_one_listed(site, tmp_path):
    package = tmp_path / "donnees"
    shutil.copytree(site.root / "donnees", package)
    [document] = (package / "actes").glob("*.pdf")
    document.write_bytes(document.read_bytes().replace(b"%%EOF", b"%%EOF\n", 1))
    report = validate(package / "datapackage.json")
    assert not report.valid
    assert {error[1] for error in report.flatten(["rowNumber", "type"])} == {"byte-count", "hash-count"}


def test_every_json_file_holds_the_csv_rows_and_is_valid_for_frictionless(site, tmp_path):
    """The same package with each resource read from its JSON file: schemas, keys and foreign keys hold."""
    package = tmp_path / "donnees"
    shutil.copytree(site.root / "donnees", package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [resource for resource in descriptor["resources"] if resource["type"] == "table"]
    for resource in descriptor["resources"]:
        # frictionless reads no table from an empty JSON array (the 2018 day has no speaker turns):
        # that table is read from its CSV, and its JSON compared below.
        if json.loads((package / f"{resource['name']}.json").read_text(encoding="utf-8")):
            resource.update(path=f"{resource['name']}.json", format="json", mediatype="application/json")
    (package / "datapackage-json.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate(package / "datapackage-json.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [task.stats.get("rows", 0) for task in report.tasks] == [len(rows(site, table)) for table in TABLES]
    for table in TABLES:
        records = json.loads((site.root / f"donnees/{table}.json").read_text(encoding="utf-8"))
        as_csv = [{k: "" if v is None else str(v) for k, v in record.items()} for record in records]
        assert as_csv == rows(site, table), table


def test_frictionless_catches_a_broken_foreign_key(site, tmp_path):
    """The validation above can fail: a link to an unknown function breaks the package."""
    package = tmp_path / "donnees"
    shutil.copytree(site.root / "donnees", package)
    links = package / "recommandations_fonctions.csv"
    links.write_text(links.read_text(encoding="utf-8") + "SN2018-01,astronomie\r\n", encoding="utf-8")
    report = validate(package / "datapackage.json")
    assert not report.valid
    assert report.flatten(["rowNumber", "type"]) == [[len(rows(site, "recommandations_fonctions")) + 2, "foreign-key"]]


def test_every_schema_follows_the_conventions_of_schema_data_gouv_fr(site):
    package = json.loads((site.root / "donnees/datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    tables = [resource for resource in package["resources"] if resource["type"] == "table"]
    assert [resource["name"] for resource in tables] == TABLES
    for resource in tables:
        schema = json.loads((site.root / "donnees" / resource["schema"]).read_text(encoding="utf-8"))
        assert {"name", "title", "description", "version", "licenses", "fields", "primaryKey", "homepage",
                "path", "created", "contributors", "countryCode"} <= set(schema), resource["name"]
        assert re.fullmatch(r"\d+\.\d+\.\d+", schema["version"])
        assert schema["licenses"][0]["name"] == "etalab-2.0"
        assert site_file(site, schema["path"]) == f"donnees/schemas/{resource['name']}.json"
        for field in schema["fields"]:
            assert field["description"] and field["example"] and field["type"] in {"string", "integer", "date"}, field
            assert re.fullmatch(r"[a-z]+(_[a-z]+)*", field["name"]), field["name"]  # French snake case
            assert "required" in field["constraints"]
    foreign = {resource["name"]: json.loads((site.root / "donnees" / resource["schema"]).read_text(encoding="utf-8"))
               .get("foreignKeys", []) for resource in tables}
    assert {key["reference"]["resource"] for key in foreign["recommandations_fonctions"]} == {"recommandations", "fonctions"}


def test_every_recommendation_row_matches_its_page(site, corpus):
    recommendations = rows(site, "recommandations")
    assert [row["identifiant"] for row in recommendations] == [rec.id for day in corpus.days for rec in day.recommendations]
    built = sorted(p for p in site.pages if re.fullmatch(r"recommandations/[A-Z]+\d{4}-\d{2}/index\.html", p))
    assert sorted(site_file(site, row["url"]) for row in recommendations) == built
    functions = {}
    for link in rows(site, "recommandations_fonctions"):
        functions.setdefault(link["recommandation"], []).append(link["fonction"])
    labels = {row["identifiant"]: row["libelle"] for row in rows(site, "fonctions")}
    for row in recommendations:
        page = site.soup(site_file(site, row["url"]))
        assert as_written(page.h1.get_text(strip=True)) == as_written(row["titre"])
        listed = [a.get_text() for a in page.find(id="fonctions").find_next("ul").select("a")]
        assert listed == [labels[f] for f in functions[row["identifiant"]]], row["identifiant"]
        transcript = site.soup(site_file(site, row["url_passage"]))
        assert transcript.find(id=row["identifiant"]) is not None
        marked = " ".join(m.get_text() for m in transcript.select(f'mark[data-recommandation="{row["identifiant"]}"]'))
        # the passage may be marked in pieces around emphasis
        assert as_written(" ".join(marked.split())) == as_written(row["passage"])
        assert row["statut"] == "publiée" and row["date_statut"] == ""


def test_day_intervention_speaker_and_function_rows_match_the_site(site, corpus):
    [day] = rows(site, "journees")
    page = site.soup(site_file(site, day["url"]))
    assert page.h1.get_text(strip=True) == day["titre"] and day["date"] == "2018-10-05"
    assert int(day["nombre_recommandations"]) == len(page.find(id="recommandations").find_next("ul").select("a"))
    [intervention] = rows(site, "interventions")
    transcript = site.soup(site_file(site, intervention["url"]))
    anchors = [tag["id"] for tag in transcript.select(".md-content [id]") if re.fullmatch(r"p\d+", tag["id"])]
    assert int(intervention["nombre_paragraphes"]) == len(anchors) > 0
    [speaker] = rows(site, "intervenants")
    assert (speaker["prenom"], speaker["nom"], speaker["civilite"]) == ("Blandine", "Chavanne", "Mme")
    functions = rows(site, "fonctions")
    assert [f["identifiant"] for f in functions] == list(corpus.functions)
    for function in functions:
        page = site.soup(site_file(site, function["url"]))
        assert page.h1.get_text(strip=True) == function["libelle"]


def test_the_dcat_catalogue_describes_every_file(site):
    graph = rdflib.Graph().parse(site.root / "donnees/catalogue.jsonld", format="json-ld")
    [dataset] = list(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    assert str(graph.value(dataset, DCT.license)) == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert str(graph.value(dataset, DCT.modified)) == "2018-10-05"
    downloads = sorted(site_file(site, str(graph.value(d, DCAT.downloadURL)))
                       for d in graph.objects(dataset, DCAT.distribution))
    assert downloads == sorted(f"donnees/{table}.{ext}" for table in TABLES for ext in ("csv", "json"))
    for distribution in graph.objects(dataset, DCAT.distribution):
        assert (site.root / site_file(site, str(graph.value(distribution, DCT.conformsTo)))).is_file()
        assert str(graph.value(distribution, DCAT.mediaType)).endswith(("/text/csv", "/application/json"))


def test_the_open_data_page_presents_every_table_with_a_dataset_markup(site):
    page = site.page("donnees/")
    html = (site.root / "donnees/index.html").read_text(encoding="utf-8")
    [dataset] = [item for item in extruct.extract(html, base_url=SITE_URL + "donnees/", syntaxes=["json-ld"])["json-ld"]
                 if item.get("@type") == "Dataset"]
    assert dataset["license"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert sorted(site_file(site, d["contentUrl"]) for d in dataset["distribution"]) == sorted(
        f"donnees/{table}.{ext}" for table in TABLES for ext in ("csv", "json"))
    links = {a["href"] for a in page.select(".md-content a[href]")}
    for table in TABLES:
        assert page.find(id=table) is not None
        assert {f"{table}.csv", f"{table}.json", f"schemas/{table}.json"} <= links
    assert {"datapackage.json", "catalogue.jsonld"} <= links
    assert "Licence Ouverte" in page.get_text()
    example = page.find(id="exemple").find_next("table")
    assert [td.get_text() for td in example.select("tbody tr")[0].select("td")] == ["SN2018-01", "direction-et-strategie"]
    nav = [a.get_text(strip=True) for a in site.page("").select(".md-nav a")]
    assert "Données ouvertes" in nav


def output_files(site_root):
    """The files derived from the data, and the sitemap (its dates come from the data too)."""
    files = {p.relative_to(site_root).as_posix(): p.read_bytes()
             for folder in ("donnees", "flux", "citations") for p in (site_root / folder).rglob("*") if p.is_file()}
    files.update({name: (site_root / name).read_bytes() for name in ("sitemap.xml", "sitemap.xml.gz", "robots.txt")})
    return files


def test_two_builds_give_byte_identical_outputs(site, tmp_path):
    second = tmp_path / "site"
    result = build(ROOT, second)
    assert result.returncode == 0, result.stderr
    first_files, second_files = output_files(site.root), output_files(second)
    assert len(first_files) > 50
    assert first_files == second_files


def test_every_output_file_is_in_the_permalink_ledger(site):
    ledger = {entry.url for entry in read_ledger(ROOT / "data" / LEDGER_FILE)}
    # Not permalinks: the sitemaps and robots.txt (the feeds' folder has an empty sitemap, for Material).
    files = {f"/{path}" for path in output_files(site.root)
             if not path.endswith("index.html") and not path.startswith(("sitemap", "robots", "flux/sitemap"))}
    assert files - ledger == set()
    assert {"/donnees/datapackage.json", "/donnees/recommandations.csv", "/flux/recommandations.atom",
            "/donnees/"} <= ledger


@pytest.mark.parametrize("table", TABLES)
def test_csv_files_are_utf8_comma_separated_with_a_header(site, table):
    raw = (site.root / f"donnees/{table}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8").split("\r\n", 1)[0]
    schema = json.loads((site.root / f"donnees/schemas/{table}.json").read_text(encoding="utf-8"))
    assert header.split(",") == [field["name"] for field in schema["fields"]]


def test_each_output_lists_exactly_the_files_it_writes(corpus):
    """The ledger learns an output's URLs from `paths`, the site gets its files from `files`: the same."""
    from mkdocs.config import load_config

    from actes.outputs import OUTPUTS
    from actes.outputs.site import site_info

    site = site_info(load_config(str(ROOT / "mkdocs.yml"), site_url=SITE_URL))
    for output in OUTPUTS:
        assert sorted(output.paths(corpus)) == sorted(output.files(corpus, site)), output.__name__


def test_examples_of_addresses_are_on_the_sites_own_address(site):
    """The open data page and the schemas give examples on the configured address, never a made-up one."""
    page = site.page("donnees/")
    cells = [cell.get_text() for cell in page.select(".actes-tableau td:last-child")]
    addresses = [cell for cell in cells if "://" in cell]
    assert addresses and all(cell.startswith(SITE_URL) for cell in addresses), addresses
    for schema in (site.root / "donnees/schemas").glob("*.json"):
        fields = json.loads(schema.read_text(encoding="utf-8"))["fields"]
        assert all(f["example"].startswith(SITE_URL) for f in fields if f.get("format") == "uri"), schema.name
