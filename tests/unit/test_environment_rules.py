import pytest

from archive_mgmt.rules.environment import Limits, problems


@pytest.mark.parametrize("t, rh", [(14, 45), (24, 60), (20, 50)])
def test_readings_within_limits_inclusive_pass(t, rh):
	assert problems(t, rh, Limits()) == []


def test_out_of_range_readings_say_what_and_which_limit():
	assert problems(13.5, 61, Limits()) == ["温度 13.5 ℃ 低于下限 14 ℃", "相对湿度 61% 高于上限 60%"]
	assert problems(25, 44, Limits()) == ["温度 25 ℃ 高于上限 24 ℃", "相对湿度 44% 低于下限 45%"]
	assert problems(25, 50, Limits(temp_max=26)) == []
