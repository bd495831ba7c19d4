import os

import pytest

from archive_mgmt.filing.import_store import STRING_CACHE, Scratch
from archive_mgmt.rules.catalogue import COLUMNS
from archive_mgmt.rules.description import DAT18_CONDITIONAL, DAT18_MANDATORY


def test_shared_strings_come_back_by_index_beyond_the_cache():
	texts = [f"题名{i}" for i in range(STRING_CACHE * 2)]
	with Scratch() as scratch:
		strings = scratch.keep_strings(iter(texts))
		assert len(strings) == len(texts)
		assert [strings[i] for i in (0, 1, STRING_CACHE + 7, len(texts) - 1, 0)] == [
			texts[0],
			texts[1],
			texts[STRING_CACHE + 7],
			texts[-1],
			texts[0],
		]
		with pytest.raises(IndexError):
			strings[len(texts)]


def test_earlier_rows_finds_repeats_within_a_batch_and_across_batches():
	with Scratch() as scratch:
		assert scratch.earlier_rows([(("no", "Z109", "1号"), 2), (("no", "Z109", "1号"), 3)]) == {3: 2}
		assert scratch.earlier_rows([(("no", "Z109", "2号"), 4), (("no", "Z109", "1号"), 5)]) == {5: 2}
		assert scratch.earlier_rows([(("no", "Z110", "1号"), 6)]) == {}


def test_errors_keep_their_order_and_count():
	with Scratch() as scratch:
		scratch.add_errors([(3, "题名", "必填项为空"), (2, "", "重复")])
		scratch.add_errors([(9, "页数", "须为正整数")])
		assert scratch.error_count == 3
		assert list(scratch.errors()) == [
			(3, "题名", "必填项为空"),
			(2, "", "重复"),
			(9, "页数", "须为正整数"),
		]


def test_the_scratch_directory_is_removed_when_closed():
	scratch = Scratch()
	path = scratch._dir.name
	assert os.path.isdir(path)
	scratch.close()
	assert not os.path.exists(path)


def test_rows_imported_as_filed_always_carry_the_dat18_mandatory_description():
	required = {c.key for c in COLUMNS if c.required}
	assert set(DAT18_MANDATORY + DAT18_CONDITIONAL) <= required
