from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.sentences import PLAIN_BREAK, _import_punkt, _tokenizer, is_prose, split

from .conftest import ROOT


def texts(article: str) -> list[str]:
    return [u.text for u in split(article) if u.prose]


def test_abbreviations_do_not_end_sentences():
    article = (
        "U.S. Secretary of State Antony Blinken told reporters the talks were over. "
        "Mr. Okafor arrived at 9 a.m. on Jan. 4 with Gen. Tanaka and Sen. Ruiz of Brightline Inc. "
        "for the hearing. "
        "Dr. Patel left early."
    )
    assert texts(article) == [
        "U.S. Secretary of State Antony Blinken told reporters the talks were over.",
        "Mr. Okafor arrived at 9 a.m. on Jan. 4 with Gen. Tanaka and Sen. Ruiz of Brightline Inc. for the hearing.",  # noqa: E501
        "Dr. Patel left early.",
    ]


def test_sentences_ending_inside_quotes_and_curly_punctuation():
    article = (
        "She said, \u201cWe are done here.\u201d Then she left \u2014 quickly. "
        'He asked: "Why now?" Nobody answered.'
    )
    assert texts(article) == [
        "She said, \u201cWe are done here.\u201d",
        "Then she left \u2014 quickly.",
        'He asked: "Why now?"',
        "Nobody answered.",
    ]


def test_paragraphs_and_crlf_keep_exact_offsets():
    article = "First paragraph ends here.\r\n\r\nSecond one starts. It has two sentences.\r\n"
    units = split(article)
    assert [u.text for u in units] == ["First paragraph ends here.", "Second one starts.", "It has two sentences."]
    for u in units:
        assert article[u.start : u.end] == u.text
        assert "\r" not in u.text


def test_lines_that_are_not_prose_are_kept_but_marked():
    article = "Storm closes harbour\n\nThe harbour closed on Monday after the storm.\nComments\nPost a Comment\n"
    units = split(article)
    assert [(u.text, u.prose, u.kind) for u in units] == [
        ("Storm closes harbour", True, "headline"),
        ("The harbour closed on Monday after the storm.", True, "sentence"),
        ("Comments", False, "other"),
        ("Post a Comment", False, "other"),
    ]


def test_headlines_and_list_items_are_scored_and_furniture_is_not():
    article = (
        "Ferry strike strands hundreds on the islands\n"
        "By Marta Quiroga\n"
        "12 March 2025\n"
        "Crews walked out at dawn. The operator cancelled 14 sailings.\n"
        "- Sailings resume on Thursday, the union said.\n"
        "2) Refunds for all cancelled trips\n"
        "Share this article\n"
        "----\n"
    )
    units = split(article)
    assert [(u.text, u.kind) for u in units] == [
        ("Ferry strike strands hundreds on the islands", "headline"),
        ("By Marta Quiroga", "other"),
        ("12 March 2025", "other"),
        ("Crews walked out at dawn.", "sentence"),
        ("The operator cancelled 14 sailings.", "sentence"),
        ("Sailings resume on Thursday, the union said.", "list_item"),
        ("Refunds for all cancelled trips", "list_item"),
        ("Share this article", "other"),
        ("----", "other"),
    ]
    assert all(u.prose == (u.kind != "other") for u in units)
    assert all(article[u.start : u.end] == u.text for u in units)


def test_hard_wrapped_lines_are_rejoined():
    article = "The council voted on Tuesday to close the old library\nbuilding by the end of the year. Staff were told."
    assert texts(article) == [
        "The council voted on Tuesday to close the old library\nbuilding by the end of the year.",
        "Staff were told.",
    ]


def test_is_prose():
    assert is_prose("It rained.")
    assert not is_prose("Comments")
    assert not is_prose("-----")
    assert is_prose("a long line without any final punctuation that still reads like a sentence of prose here")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_offsets_always_index_the_text(article):
    units = split(article)
    last = 0
    for u in units:
        assert article[u.start : u.end] == u.text
        assert u.start >= last and u.end > u.start
        assert u.text.strip() == u.text
        last = u.end


FRAGMENTS = ["Mr. Lee", "said", "U.S.", "\u201cno.\u201d", "It fell.", "\r\n", "\n\n", "3.5", "a.m.", "Why?",
             "Comments", " ", "\u2014"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_offsets_on_news_like_fragments(parts):
    article = " ".join(parts)
    for u in split(article):
        assert article[u.start : u.end] == u.text


def _plain_punkt():
    """nltk's own Punkt with the project's parameters, without the shortcut."""
    punkt = _import_punkt()
    params = punkt.PunktParameters()
    params.abbrev_types = set(_tokenizer().abbreviations)
    return punkt.PunktSentenceTokenizer(params)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(PLAIN_BREAK, fullmatch=True))
def test_the_plain_break_shortcut_agrees_with_punkt(context):
    punkt = _plain_punkt()
    word = (PLAIN_BREAK.fullmatch(context).group(1) or "").lower()
    if word not in _tokenizer().abbreviations:
        assert punkt.text_contains_sentbreak(context)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS + ['"', "\u201d", "\u2019 ", ") ", " -- ", "...", "? ", "! ", ". ",
                                            "\u00bb"]), max_size=14))
def test_punkt_with_stdlib_patterns_agrees_with_punkt_as_nltk_ships_it(parts):
    """`_language_vars` compiles Punkt's patterns with `re` instead of nltk's timed `regex`."""
    text = "".join(parts)
    assert list(_tokenizer().span_tokenize(text)) == list(_plain_punkt().span_tokenize(text))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet=st.sampled_from("aZé.,-'9\u00bd\u0663\u2026_"), min_size=1, max_size=8),
                 st.text(min_size=1, max_size=6)))
def test_tokens_with_stdlib_patterns_read_as_punkts_own(word):
    """`_token_class` compiles Punkt's token patterns with `re`: type, ellipsis, initial, alpha and
    non-punctuation must read every token exactly as Punkt's own token does."""
    punkt = _import_punkt()
    ours, theirs = _tokenizer()._Token(word), punkt.PunktToken(word)
    assert ours.type == theirs.type
    for name in ("is_ellipsis", "is_initial", "is_alpha", "is_non_punct"):
        assert bool(getattr(ours, name)) == bool(getattr(theirs, name)), name


def test_splitting_the_corpus_matches_punkt_without_the_shortcut():
    from rhetoric.corpus import read_corpus

    articles: dict[str, list[str]] = {}
    for ex in read_corpus(ROOT / "corpora").written:
        articles.setdefault(ex.article, []).append(ex.text)
    punkt = _plain_punkt()
    for sentences in articles.values():
        article = " ".join(sentences)
        shortcut = [(u.start, u.end) for u in split(article)]
        assert shortcut == list(punkt.span_tokenize(article))


def test_markdown_and_html_list_items_stay_list_items():
    from rhetoric.markup import html_to_text, markdown_to_text

    text = markdown_to_text("# Ferry strike strands hundreds on the islands\n\n- Sailings resume on Thursday\n"
                            "- Refunds are paid within a week.\n")
    assert [(u.text, u.kind) for u in split(text)] == [
        ("Ferry strike strands hundreds on the islands", "headline"),
        ("Sailings resume on Thursday", "list_item"),
        ("Refunds are paid within a week.", "list_item"),
    ]
    html = html_to_text("<ul><li>Sailings resume on Thursday</li></ul>")
    assert [(u.text, u.kind) for u in split(html)] == [("Sailings resume on Thursday", "list_item")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "- ", "* ", "1. ", "12) ", "\u2022 ", "# "]),
                          st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4)), max_size=12))
def test_kinds_keep_offsets_and_scoring_consistent(lines):
    """Bulleted, numbered and title lines: offsets still index the text, a list item's unit leaves its
    marker out, and exactly the units that are not page furniture are scored."""
    article = "\n".join(marker + " ".join(parts) for marker, parts in lines)
    for u in split(article):
        assert article[u.start : u.end] == u.text
        assert u.prose == (u.kind != "other")
        if u.kind == "list_item":
            assert not u.text.startswith(("- ", "* ", "\u2022 "))


def test_splitting_loads_none_of_nltks_file_and_network_modules_and_nltk_still_works_after():
    """Punkt's file, pickle and network helpers are stand-ins while it loads (a quarter of a cold
    start), and its guarded patterns wait to be compiled until used (`regex` alone is 10 ms) and then
    compile without running nltk's package (2 s); once loaded, the stand-ins reach nltk's real
    functions, and a real `import nltk` works."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from rhetoric.sentences import _import_punkt, split\n"
        "assert [u.text for u in split('Dr. Lee left. She waved.')] == ['Dr. Lee left.', 'She waved.']\n"
        "heavy = {'http.client', 'email.parser', 'urllib.request', 'subprocess', 'xml.sax.saxutils',\n"
        "         'regex', 'nltk.redos'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
        "split('Le ministre \\u00c9. Dupont est venu. Il est reparti.')\n"
        "print(sorted({'nltk.metrics', 'scipy'} & set(sys.modules)))\n"
        "import nltk, nltk.pathsec, nltk.tokenize.util\n"
        "punkt = _import_punkt()\n"
        "print(punkt.pathsec.ensure_private_dir is nltk.pathsec.ensure_private_dir)\n"
        "spans = punkt.TokenizerI.span_tokenize.__globals__['string_span_tokenize']('a b', ' ')\n"
        "print(list(spans) == [(0, 1), (2, 3)])\n"
        "print(len(nltk.sent_tokenize.__name__) > 0)\n"
        "import nltk.redos\n"
        "guarded = nltk.redos.compile(r'[^\\W\\d]+$', 0)\n"
        "print(all(bool(punkt.PunktToken._RE_ALPHA.match(t)) == bool(guarded.match(t))\n"
        "          for t in ('\\u00bd', 'caf\\u00e9', 'abc', '12')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:6] == ["[]", "[]", "True", "True", "True", "True"]
