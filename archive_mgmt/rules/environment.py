"""Storage environment (库房温湿度): whether a reading is inside the archive's limits."""

from dataclasses import dataclass

DEFAULT_LIMITS = (14.0, 24.0, 45.0, 60.0)  # ℃ min, ℃ max, % RH min, % RH max
EIGHT_PROTECTIONS = ("防盗", "防光", "防高温", "防火", "防潮", "防尘", "防鼠", "防虫")


@dataclass(frozen=True)
class Limits:
	temp_min: float = 14.0
	temp_max: float = 24.0
	rh_min: float = 45.0
	rh_max: float = 60.0


def problems(temperature: float, humidity: float, limits: Limits) -> list[str]:
	"""What is out of range, in Chinese; empty when the reading is within limits (inclusive)."""
	found = []
	if temperature < limits.temp_min:
		found.append(f"温度 {temperature:g} ℃ 低于下限 {limits.temp_min:g} ℃")
	elif temperature > limits.temp_max:
		found.append(f"温度 {temperature:g} ℃ 高于上限 {limits.temp_max:g} ℃")
	if humidity < limits.rh_min:
		found.append(f"相对湿度 {humidity:g}% 低于下限 {limits.rh_min:g}%")
	elif humidity > limits.rh_max:
		found.append(f"相对湿度 {humidity:g}% 高于上限 {limits.rh_max:g}%")
	return found
