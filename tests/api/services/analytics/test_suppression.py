"""Small-group protection: primary suppression hides small counts; secondary suppression
makes sure no hidden figure follows from the shown ones (checked by brute force)."""

from collections.abc import Hashable, Mapping

from api.services.analytics.suppression import Partition, protect


def table(
    cells: Mapping[tuple[str, str], int],
) -> tuple[dict[Hashable, int], list[Partition], dict[Hashable, frozenset[Hashable]]]:
    """A two-way table with its row, column and grand totals, as figures."""
    rows = sorted({row for row, _ in cells})
    columns = sorted({column for _, column in cells})
    values: dict[Hashable, int] = {cell: count for cell, count in cells.items()}
    atoms: dict[Hashable, frozenset[Hashable]] = {cell: frozenset({cell}) for cell in cells}
    for row in rows:
        values[row] = sum(v for (r, _), v in cells.items() if r == row)
        atoms[row] = frozenset(cell for cell in cells if cell[0] == row)
    for column in columns:
        values[column] = sum(v for (_, c), v in cells.items() if c == column)
        atoms[column] = frozenset(cell for cell in cells if cell[1] == column)
    values["T"] = sum(cells.values())
    atoms["T"] = frozenset(cells)
    partitions = [Partition("T", tuple(rows)), Partition("T", tuple(columns))]
    partitions += [Partition(r, tuple(c for c in cells if c[0] == r)) for r in rows]
    partitions += [Partition(col, tuple(c for c in cells if c[1] == col)) for col in columns]
    return values, partitions, atoms


def possible_values(
    values: Mapping[Hashable, int],
    atoms: Mapping[Hashable, frozenset[Hashable]],
    hidden: frozenset[Hashable],
) -> dict[Hashable, set[int]]:
    """What each hidden figure could be, given every shown one: every table of non-negative
    counts that agrees with what is shown (found by backtracking over the hidden cells)."""
    cells = sorted({cell for group in atoms.values() for cell in group}, key=str)
    shown = {key: values[key] for key in atoms if key not in hidden}
    trial = {cell: values[cell] for cell in cells if cell not in hidden}
    unknown = [cell for cell in cells if cell in hidden]
    found: dict[Hashable, set[int]] = {key: set() for key in atoms if key in hidden}

    def fits(complete: bool) -> bool:
        for key, value in shown.items():
            got = sum(trial.get(cell, 0) for cell in atoms[key])
            done = all(cell in trial for cell in atoms[key])
            if got > value or ((done or complete) and got != value):
                return False
        return True

    def fill(index: int) -> None:
        if index == len(unknown):
            for key in found:
                found[key].add(sum(trial[cell] for cell in atoms[key]))
            return
        cell = unknown[index]
        bound = min((shown[k] for k in shown if cell in atoms[k]), default=max(values.values()))
        for guess in range(bound + 1):
            trial[cell] = guess
            if fits(complete=False):
                fill(index + 1)
            del trial[cell]

    if fits(complete=False):
        fill(0)
    return found


def test_small_counts_are_hidden_and_zeros_are_not() -> None:
    values: dict[Hashable, int] = {"T": 40, "a": 0, "b": 4, "c": 3, "d": 33}
    hidden = protect(values, [Partition("T", ("a", "b", "c", "d"))], 5)
    assert {"b", "c"} <= hidden  # 1 to 4 answers
    assert "a" not in hidden  # nobody: says nothing about anyone
    assert "T" not in hidden


def test_one_hidden_part_takes_another_with_it() -> None:
    values: dict[Hashable, int] = {"T": 60, "a": 2, "b": 8, "c": 50}
    hidden = protect(values, [Partition("T", ("a", "b", "c"))], 5)
    assert hidden == {"a", "b"}  # b, the smallest shown part, so T - c is not a


def test_hidden_parts_together_hold_at_least_min_group() -> None:
    """Two hidden parts of 1 and 2 answers would still tell a group of 3: hide one more."""
    values: dict[Hashable, int] = {"T": 100, "a": 1, "b": 2, "c": 30, "d": 67}
    hidden = protect(values, [Partition("T", ("a", "b", "c", "d"))], 5)
    assert hidden == {"a", "b", "c"}


def test_a_hidden_total_hides_its_parts() -> None:
    values: dict[Hashable, int] = {"T": 3, "yes": 3, "no": 0}
    assert protect(values, [Partition("T", ("yes", "no"))], 5) == {"T", "yes", "no"}


def test_a_two_way_table_keeps_every_hidden_cell_uncertain() -> None:
    cells = {("r1", "yes"): 2, ("r1", "no"): 6, ("r2", "yes"): 7, ("r2", "no"): 9}
    values, partitions, atoms = table(cells)
    hidden = protect(values, partitions, 5, atoms=atoms)
    assert ("r1", "yes") in hidden
    for key, could_be in possible_values(values, atoms, hidden).items():
        assert len(could_be) > 1, f"{key} can be recomputed: {could_be}"


def test_a_three_by_three_table_keeps_every_hidden_cell_uncertain() -> None:
    cells = {
        ("r1", "a"): 1, ("r1", "b"): 5, ("r1", "c"): 6,
        ("r2", "a"): 5, ("r2", "b"): 0, ("r2", "c"): 5,
        ("r3", "a"): 6, ("r3", "b"): 7, ("r3", "c"): 2,
    }  # fmt: skip
    values, partitions, atoms = table(cells)
    hidden = protect(values, partitions, 5, atoms=atoms)
    assert {("r1", "a"), ("r3", "c")} <= hidden
    for key, could_be in possible_values(values, atoms, hidden).items():
        assert len(could_be) > 1, f"{key} can be recomputed: {could_be}"


def test_the_exact_audit_catches_what_the_partition_rule_misses() -> None:
    """x + y, y + z and x + z are all shown: hiding x, y and z (the partitions' rule) still
    lets x = (S1 - S2 + F) / 2 be recomputed; the audit hides more."""
    values: dict[Hashable, int] = {"x": 2, "y": 6, "z": 7, "S1": 8, "S2": 13, "F": 9}
    partitions = [Partition("S1", ("x", "y")), Partition("S2", ("y", "z"))]
    atoms: dict[Hashable, frozenset[Hashable]] = {
        "x": frozenset("x"),
        "y": frozenset("y"),
        "z": frozenset("z"),
        "S1": frozenset("xy"),
        "S2": frozenset("yz"),
        "F": frozenset("xz"),
    }
    without_audit = protect(values, partitions, 5)
    assert without_audit == {"x", "y", "z"}
    with_audit = protect(values, partitions, 5, atoms=atoms)
    assert with_audit == {"x", "y", "z", "S1"}  # S1, the smallest figure that shares x
    for key, could_be in possible_values(values, atoms, with_audit).items():
        assert len(could_be) > 1, f"{key} can be recomputed: {could_be}"
