"""Properties of the converter, on generated transcripts with injected running headers, page
numbers and page breaks (hypothesis, 1,000 examples each)."""

from __future__ import annotations

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import example, HealthCheck, given, settings
from hypothesis import strategies as st

from actes.convert import convert, parse_transcript

PROPERTY = settings(max_examples=1000, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]

# Body words: letters (accents included), with punctuation and characters that Markdown, HTML
# or Jinja would interpret inside or around them; never a bare number, never an emphasis star.
LETTERS = "abcdefghijklmnopqrstuvwxyzéèêàâçôûïœ"
SPECIAL = "<>&{}[]|_~^=$`\\!?:;,.'«»()%#-+"
word_core = st.text(alphabet=LETTERS, min_size=1, max_size=8)
word_decoration = st.text(alphabet=SPECIAL, max_size=2)
HEADER_LINES = st.lists(st.sampled_from(["ACTES DE LA JOURNÉE 2099", "Rencontre fictive", "15 mars 2099",
                                         "## Journée d'essai", "### Musées imaginaires"]),
                        min_size=1, max_size=3, unique=True)
PAGE_NUMBER = st.sampled_from(["{n}", "- {n} -", "{n}/{total}", "Page {n} sur {total}", "p. {n}"])
PAGE_BREAK = st.sampled_from(["\n\f", "\n\n\n\n", "\n\n\f\n"])


@st.composite
def transcripts(draw):
    """(raw text, its words): paragraphs hard-wrapped, cut into pages, each page with headers and a number."""
    paragraphs = draw(st.lists(st.lists(st.tuples(word_decoration, word_core, word_decoration), min_size=1, max_size=30),
                               min_size=1, max_size=8))
    counter = 0
    lines_of_paragraphs, words = [], []
    for paragraph in paragraphs:
        tokens = []
        for before, core, after in paragraph:
            counter += 1
            token = f"{before}{core}{counter}{after}"  # unique: no line repeats at two page tops
            tokens.append(token)
        words += tokens
        widths = draw(st.lists(st.integers(min_value=1, max_value=12), min_size=len(tokens), max_size=len(tokens)))
        lines, start = [], 0
        for width in widths:
            if start >= len(tokens):
                break
            lines.append(" ".join(tokens[start:start + width]))
            start += width
        lines_of_paragraphs.append(lines)

    body_lines = []
    for lines in lines_of_paragraphs:
        body_lines += lines + [""]
    # At least two pages: a running header is only told from text by repeating at page breaks.
    cut_points = sorted(draw(st.sets(st.integers(min_value=1, max_value=max(1, len(body_lines) - 1)),
                                     min_size=1, max_size=4)))
    pages, previous = [], 0
    for cut in cut_points + [len(body_lines)]:
        pages.append(body_lines[previous:cut])
        previous = cut
    headers = draw(HEADER_LINES)
    number_style = draw(PAGE_NUMBER)
    text_pages = []
    for index, page in enumerate(pages, start=1):
        number = number_style.format(n=index, total=len(pages))
        text_pages.append("\n\n".join(headers) + "\n\n" + "\n".join(page).strip("\n") + "\n\n" + number)
    raw = "".join(page + (draw(PAGE_BREAK) if i < len(text_pages) - 1 else "\n") for i, page in enumerate(text_pages))
    if draw(st.booleans()):
        raw = raw.replace("\n", "\r\n")
    return raw, words


def rendered_words(converted: str) -> list[str]:
    """The words a reader sees: front matter title and speaker, then the body rendered by Markdown."""
    _, front, body = converted.split("---\n", 2)
    meta = yaml.safe_load(front)
    text = BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "lxml").get_text(" ")
    return (meta.get("title", "") + " " + meta.get("speaker", "") + " " + text).split()


@PROPERTY
@given(transcripts())
def test_output_words_are_the_input_words_minus_the_artifacts(case):
    raw, words = case
    assert rendered_words(convert(raw)) == words


@PROPERTY
@given(transcripts())
def test_converting_again_changes_nothing(case):
    raw, _ = case
    once = convert(raw)
    assert convert(once) == once
    # The clean text, re-read as a source, has no artifact left to remove and the same paragraphs.
    first = parse_transcript(raw)
    clean = "\n\n".join(block.text for block in first.blocks)
    second = parse_transcript(clean)
    assert second.artifacts == []
    assert [b.plain for b in second.blocks] == [b.plain for b in first.blocks]


@PROPERTY
@given(st.lists(st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(
    ["\n", "\n\n\n", "\f", "\r\n", "# ", "## ", "- ", "1) ", "Page 2 sur 3", "*", "{{", "<", "|"]),
    max_size=200).map("".join))
def test_it_never_crashes(text):
    converted = convert(text)
    assert converted.startswith("---\n")


# --- PDFs laid out by fpdf2, read back through their layout (actes.pdf_reader) -----------------

PDF_LETTERS = "abcdefghijklmnopqrstuvwxyzéèêàâçôûï"


@st.composite
def pdf_texts(draw):
    """Paragraphs of unique words, long enough to wrap and to run over several pages."""
    paragraphs = draw(st.lists(st.lists(st.text(alphabet=PDF_LETTERS, min_size=1, max_size=12), min_size=3,
                                        max_size=80), min_size=1, max_size=6))
    counter = 0
    out = []
    for paragraph in paragraphs:
        words = []
        for core in paragraph:
            counter += 1
            words.append(f"{core}{counter}")
        out.append(words)
    return out


@given(pdf_texts(), st.booleans())
# Found by Hypothesis: on a narrow justified page, two pieces of lines split by the extraction start
# at the same place in the middle, as a second column's would.
@example([["a1", "a2", "a3", "a4", "a5", "a6", "aaaaa7", "aaaaaaaaaaa8", "aaaaaaaaaaaa9", "aaaaabbbb10", "a11",
           "aaaaaa12", "aaaamw13", "aaaaaaaaaaa14", "a15", "aaaaa16", "aaaaaaaaaa17"]], True)
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_a_pdf_with_running_lines_loses_and_adds_no_word(tmp_path_factory, paragraphs, justified):
    from fpdf import FPDF

    from actes.sources import read_source

    class Proceedings(FPDF):
        def header(self):
            self.set_font("Times", size=9)
            self.cell(0, 8, f"Rencontre fictive dans les musées   {self.page_no()}", align="C")
            self.ln(12)

        def footer(self):
            self.set_y(-15)
            self.set_font("Times", size=9)
            self.cell(0, 8, f"Page {self.page_no()} sur {{nb}}", align="C")

    pdf = Proceedings(format=(105, 148))  # A6: many pages from few words
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Times", size=11)
    for words in paragraphs:
        pdf.multi_cell(0, 5, " ".join(words) + ".", align="J" if justified else "L")
        pdf.ln(3)
    path = tmp_path_factory.mktemp("pdf") / "essai.pdf"
    pdf.output(str(path))
    markdown_text = convert(read_source(path).text)
    body = markdown_text.split("\n---\n", 1)[1]
    rendered = BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser").get_text()
    expected = []
    for words in paragraphs:
        expected += words[:-1] + [words[-1] + "."]
    assert rendered.split() == expected


# --- One column as pdftotext -layout prints it: justified lines, spaces spread between words -----

@st.composite
def layout_pages(draw):
    """(raw text, its words): paragraphs wrapped to a measure and justified by spreading spaces
    between words, as pdftotext -layout prints a page in one column; pages end with a form feed.
    No column is there: reading it in two would reorder words."""
    measure = draw(st.integers(min_value=40, max_value=90))
    paragraphs = draw(st.lists(st.lists(word_core, min_size=1, max_size=40), min_size=1, max_size=8))
    counter, words, lines = 0, [], []
    for paragraph in paragraphs:
        tokens = []
        for core in paragraph:
            counter += 1
            tokens.append(f"{core}{counter}")
        words += tokens
        line: list[str] = []
        for token in tokens + [None]:
            if token is not None and len(" ".join(line + [token])) <= measure:
                line.append(token)
                continue
            if line and token is not None and len(line) > 1:  # a full line: justified
                gaps = len(line) - 1
                extra = measure - len(" ".join(line))
                spread = [1 + extra // gaps + (1 if i < extra % gaps else 0) for i in range(gaps)]
                draw_order = draw(st.permutations(spread))
                lines.append("".join(w + " " * s for w, s in zip(line, list(draw_order) + [0])))
            elif line:
                lines.append(" ".join(line))
            line = [token] if token is not None else []
        lines.append("")
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=max(1, len(lines) - 1)), max_size=3)))
    pages, previous = [], 0
    for cut in cuts + [len(lines)]:
        pages.append("\n".join(lines[previous:cut]))
        previous = cut
    return "\f".join(pages) + "\f", words


@PROPERTY
@given(layout_pages())
def test_a_justified_page_in_one_column_keeps_its_words_in_order(case):
    raw, words = case
    assert rendered_words(convert(raw)) == words

