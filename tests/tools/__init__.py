"""Tests of the converters and build scripts in tools/."""
