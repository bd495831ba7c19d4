"""Sampling inspection (抽检): a stratified random sample, reproducible from its seed.

Each stratum (year, category) contributes at least ``percent`` of its items, rounded up, so the
whole sample is at least that share of the population and no year or category is left out.
The draw depends only on the seed and the population (not on its order), so a recorded seed
lets anyone draw the same sample again.
"""

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

MIN_PERCENT = 40


@dataclass(frozen=True)
class Unit:
	name: str
	year: int
	category: str


def stratum_size(count: int, percent: float) -> int:
	"""ceil(count × percent / 100), exactly, for percents given to two decimals."""
	scaled = round(float(percent) * 100)
	return min(count, -(-count * scaled // 10000))


def draw(population: Iterable[Unit], seed: str | int, percent: float = MIN_PERCENT) -> list[str]:
	"""The names of the sample, sorted."""
	if float(percent) < MIN_PERCENT or float(percent) > 100:
		raise ValueError(f"percent must be between {MIN_PERCENT} and 100")
	strata: dict[tuple, list[str]] = defaultdict(list)
	for unit in population:
		strata[(int(unit.year), str(unit.category))].append(unit.name)
	sample = []
	for key in sorted(strata):
		names = sorted(set(strata[key]))
		rng = random.Random(f"{seed}|{key[0]}|{key[1]}")
		sample.extend(rng.sample(names, stratum_size(len(names), percent)))
	return sorted(sample)


def strata_counts(population: Iterable[Unit]) -> dict[tuple, int]:
	counts: dict[tuple, int] = defaultdict(int)
	for unit in population:
		counts[(int(unit.year), str(unit.category))] += 1
	return dict(counts)
