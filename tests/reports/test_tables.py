"""Small counts of people never show, nor can they be worked out from totals; percentiles as PostgreSQL's."""

import random

import pytest

from marketplace.reports.tables import Row, Table, count, percentile, rate, with_totals


def _table(grid: list[list[int]]) -> Table:
    rows = [Row(f"rivi {i}", [count(v) for v in values]) for i, values in enumerate(grid)]
    return Table("t", "Testi", "", ["", *(f"s{i}" for i in range(len(grid[0]))), "Yhteensä"],
                 with_totals(rows, "Yhteensä"), totals=True).finish()


def _shown(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_counts_from_one_to_four_are_hidden_and_zero_and_five_are_shown(app):
    table = _table([[0, 1, 4, 5, 20]])
    assert _shown(table)[0][:5] == ["0", "<5", "<5", "5", "20"]


def test_a_single_hidden_cell_in_a_row_hides_the_smallest_other_so_the_total_reveals_nothing(app):
    table = _table([[3, 10, 12], [10, 10, 10]])
    shown = _shown(table)
    assert shown[0] == ["<5", "–", "12", "25"]  # 10 hidden too: 25 − 12 leaves two unknowns
    # the first column then has one hidden cell (and the second), so a cell of the other row goes as well
    for column in range(3):
        hidden = [row[column] for row in shown if row[column] in ("<5", "–")]
        assert len(hidden) != 1
    for line in shown:
        assert sum(text in ("<5", "–") for text in line) != 1


def test_a_small_total_is_hidden_with_its_only_cell(app):
    table = _table([[0, 0, 2], [6, 7, 8]])
    assert _shown(table)[0] == ["0", "0", "<5", "<5"]


def test_no_line_of_a_large_random_grid_keeps_exactly_one_hidden_cell(app):
    generator = random.Random(4)
    for _ in range(50):
        grid = [[generator.choice([0, 1, 2, 3, 4, 5, 8, 12, 30]) for _ in range(5)] for _ in range(6)]
        table = _table(grid)
        lines = [row.cells for row in table.rows] + [[row.cells[i] for row in table.rows] for i in range(6)]
        for line in lines:
            assert sum(cell.hidden for cell in line) != 1
        for row, values in zip(table.rows, grid, strict=False):
            for cell, value in zip(row.cells, values, strict=False):
                assert not (0 < value < 5) or cell.hidden


def test_a_share_of_fewer_than_five_people_is_not_shown(app):
    assert rate(2, 4).text == "–"
    assert rate(3, 5).text == "–"  # 60 % of five tells the other two
    assert rate(6, 12).text.replace("\xa0", " ") == "50 %"
    assert rate(0, 12).text.replace("\xa0", " ") == "0 %"


def test_a_share_is_hidden_with_the_counts_it_is_computed_from(app):
    part, whole = count(3), count(12)
    share = rate(3, 12, depends=(part, whole))
    table = Table("t", "", "", ["", "a", "b", "c"], [Row("x", [whole, part, share])]).finish()
    assert [cell.text for cell in table.rows[0].cells] == ["12", "<5", "–"]


@pytest.mark.parametrize(("values", "share", "expected"), [
    ([1, 2, 3, 4], 0.5, 2.5),
    ([1, 1, 4, 5, 6], 0.5, 4),
    ([1, 1, 4, 5, 6], 0.9, 5.6),
    ([7], 0.9, 7),
    ([], 0.5, None),
])
def test_percentile_interpolates_like_percentile_cont(values, share, expected):
    histogram = {}
    for value in values:
        histogram[value] = histogram.get(value, 0) + 1
    result = percentile(histogram.items(), share)
    assert result == (pytest.approx(expected) if expected is not None else None)
