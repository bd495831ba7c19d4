# Metadata lives in pyproject.toml; this file lets older tooling (and `bench get-app`) install the app.
from setuptools import setup

setup()
