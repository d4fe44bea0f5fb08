"""The docs page's catalogue table is the catalogue."""

from __future__ import annotations

from pathlib import Path

from socialservices.indicators import INDICATORS, Indicator

PAGE = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
MARK = "<!-- the indicators: tests/indicators/test_indicators_docs.py compares this table with INDICATORS -->"


def _value(indicator: Indicator) -> str:
    if indicator.distribution:
        return "days: mean, quartiles"
    return "ratio" if indicator.scale == 1 else f"per {indicator.scale:,}"


def test_the_catalogue_table_of_the_docs_is_the_catalogue() -> None:
    table = PAGE.read_text(encoding="utf-8").split(MARK)[1].strip().split("\n\n")[0]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in table.splitlines()[2:]
    ]
    assert rows == [
        [
            f"`{i.code}`",
            i.title,
            i.reference.value,
            i.located.value,
            _value(i),
            i.numerator,
            i.denominator,
            i.excluded,
            i.source,
            i.differs or "—",
        ]
        for i in INDICATORS
    ]
