import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules.sampling import Unit, draw, strata_counts, stratum_size

units = st.lists(
	st.builds(
		Unit,
		name=st.text("abcdefgh0123456789", min_size=1, max_size=6),
		year=st.integers(min_value=2015, max_value=2018),
		category=st.sampled_from(["WS", "KJ", "ZP"]),
	),
	max_size=60,
	unique_by=lambda u: u.name,
)


@given(units, st.integers(), st.sampled_from([40, 45.5, 60, 100]))
def test_every_stratum_gives_at_least_its_share_rounded_up(population, seed, percent):
	sample = set(draw(population, seed, percent))
	for (year, category), count in strata_counts(population).items():
		chosen = [u for u in population if u.year == year and u.category == category and u.name in sample]
		assert len(chosen) == math.ceil(count * percent / 100)
	assert len(sample) >= math.ceil(len(population) * percent / 100)


@given(units, st.integers(), st.randoms())
def test_the_same_seed_draws_the_same_sample_in_any_order(population, seed, rnd):
	shuffled = list(population)
	rnd.shuffle(shuffled)
	assert draw(population, seed) == draw(shuffled, seed)


def test_another_seed_usually_draws_another_sample():
	population = [Unit(f"I{n:03}", 2020, "WS") for n in range(100)]
	assert draw(population, "a") != draw(population, "b")


def test_less_than_forty_percent_is_refused():
	with pytest.raises(ValueError):
		draw([], 1, 39)


def test_stratum_size_rounds_up():
	assert [stratum_size(n, 40) for n in (0, 1, 2, 3, 5, 10)] == [0, 1, 1, 2, 2, 4]
