"""The search's pure rules: the query language, the normal form, snippets, ranking, OCR accuracy."""

from hypothesis import given, settings
from hypothesis import strategies as st

from archive_mgmt.rules import search as rules

CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)  # few characters: many repeats
TEXT = st.text(alphabet=st.one_of(CHINESE, st.sampled_from("aAbB1 ，。-_%")), max_size=60)


def test_words_phrases_and_exclusions():
	q = rules.parse('档案  "安全 生产" -通知 -"会议 纪要" 2011')
	assert q.terms == ("档案", "安全 生产", "2011")
	assert q.excluded == ("通知", "会议 纪要")


def test_empty_and_repeated_terms_are_dropped():
	assert rules.parse('  "" - 档案 档案').terms == ("-", "档案")
	assert rules.parse("").empty
	assert rules.parse("-只排除").empty


def test_terms_beyond_the_limit_are_dropped_and_said():
	q = rules.parse(" ".join(f"词{i}" for i in range(rules.MAX_TERMS + 2)))
	assert len(q.terms) == rules.MAX_TERMS and len(q.dropped) == 2


def test_search_within_results_merges_queries():
	q = rules.merge(rules.parse("档案 -草稿"), rules.parse("安全"))
	assert q.terms == ("档案", "安全") and q.excluded == ("草稿",)


def test_normalise_is_one_character_for_one():
	text = "ＡＢｃ Été 档案ﬁ"
	assert len(rules.normalise(text)) == len(text)
	assert rules.normalise("ＡＢｃ") == "abc"
	assert rules.normalise("Été") == "ete"


def test_the_files_filter_is_with_files_for_one_or_true_only():
	assert all(rules.wants_files(v) for v in (1, "1", "true", True))
	assert not any(rules.wants_files(v) for v in (0, "0", "false", False, None, ""))


def test_like_pattern_escapes_wildcards():
	assert rules.like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


@settings(max_examples=400)
@given(text=TEXT, start=st.integers(0, 60), length=st.integers(1, 8))
def test_every_phrase_of_a_text_is_at_its_place_in_the_normal_form(text, start, length):
	"""The snapshot finds a phrase by the places of its bigrams in the normal form, and a hit in the title by
	its offset: a phrase of the text is there, at the same place and of the same length."""
	phrase = text[start : start + length]
	if not phrase:
		return
	assert rules.normalise(text)[start : start + len(phrase)] == rules.normalise(phrase)
	assert rules.contains(text, phrase)


def test_snippet_marks_the_terms_and_escapes_html():
	text = "前言<b>" + "甲" * 50 + "关于安全生产的通知" + "乙" * 100
	s = rules.snippet(text, ["安全", "通知"])
	assert "<mark>安全</mark>" in s and "<mark>通知</mark>" in s
	assert "<b>" not in s and s.startswith("…") and s.endswith("…")


def test_snippet_marks_case_insensitively():
	assert "<mark>PDF</mark>" in rules.snippet("扫描件 PDF 一份", ["pdf"])


def test_ocr_spacing_between_chinese_characters_is_removed():
	assert rules.join_cjk("关 于 安 全 生 产 的 通 知 PDF file") == "关于安全生产的通知 PDF file"


def test_character_accuracy():
	assert rules.character_accuracy("档案管理", "档案管理") == 1.0
	assert rules.character_accuracy("档案管理", "档桉管理") == 0.75
	assert rules.character_accuracy("档案 管理", "档案管理") == 1.0
