//! Small-cell suppression for every figure that leaves the staff pages (reports, exports, the
//! public page): counts from 1 to 4 are shown "< 5", and complementary cells are masked so that
//! no hidden cell can be recovered by subtracting the visible cells from a published total.
//! Pure: a table of counts in, a table of what may be shown out.

/// Counts below this are never published outside the staff pages.
pub const SMALL: i64 = crate::diagnostic::SMALL_COUNT;

/// A published cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Shown(i64),
    /// From 1 to 4: shown as "< 5".
    Small,
    /// Masked only so that a small cell cannot be recovered ("secret" in the outputs).
    Masked,
}

impl Cell {
    pub fn is_hidden(self) -> bool {
        !matches!(self, Cell::Shown(_))
    }

    /// The text of the cell: the number, "< 5", or `masked` (a translated word).
    pub fn text(self, masked: &str) -> String {
        match self {
            Cell::Shown(value) => value.to_string(),
            Cell::Small => format!("< {SMALL}"),
            Cell::Masked => masked.to_owned(),
        }
    }
}

/// A table of counts with its margins, once suppressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    pub cells: Vec<Vec<Cell>>,
    pub row_totals: Vec<Cell>,
    pub column_totals: Vec<Cell>,
    pub total: Cell,
}

fn primary(value: i64) -> Cell {
    if (1..SMALL).contains(&value) {
        Cell::Small
    } else {
        Cell::Shown(value)
    }
}

/// Suppresses a table whose rows and columns add up to published totals. `counts` must be
/// rectangular. Every line (a row with its total, a column with its total, the row totals with
/// the grand total, the column totals with the grand total) ends with either no hidden cell or
/// at least two, so that subtraction never isolates one.
pub fn suppress_table(counts: &[Vec<i64>]) -> Suppressed {
    let rows = counts.len();
    let columns = counts.first().map_or(0, Vec::len);
    // The grid with margins: (rows + 1) × (columns + 1), the last row and column are totals.
    let mut values = vec![vec![0_i64; columns + 1]; rows + 1];
    for (r, row) in counts.iter().enumerate() {
        for (c, value) in row.iter().enumerate().take(columns) {
            values[r][c] = *value;
            values[r][columns] += *value;
            values[rows][c] += *value;
            values[rows][columns] += *value;
        }
    }
    let mut cells: Vec<Vec<Cell>> = values
        .iter()
        .map(|row| row.iter().map(|v| primary(*v)).collect())
        .collect();
    // Lines as lists of grid positions; a line's last position is its total.
    let mut lines: Vec<Vec<(usize, usize)>> = Vec::new();
    for r in 0..=rows {
        lines.push((0..=columns).map(|c| (r, c)).collect());
    }
    for c in 0..=columns {
        lines.push((0..=rows).map(|r| (r, c)).collect());
    }
    loop {
        let mut changed = false;
        for line in &lines {
            let hidden = line
                .iter()
                .filter(|(r, c)| cells[*r][*c].is_hidden())
                .count();
            if hidden != 1 {
                continue;
            }
            // Mask the smallest visible cell of the line, a total only when no cell is left.
            let (cells_part, total_part) = line.split_at(line.len() - 1);
            let candidate = cells_part
                .iter()
                .filter(|(r, c)| !cells[*r][*c].is_hidden())
                .min_by_key(|(r, c)| (values[*r][*c] == 0, values[*r][*c]))
                .or_else(|| {
                    total_part
                        .first()
                        .filter(|(r, c)| !cells[*r][*c].is_hidden())
                });
            if let Some((r, c)) = candidate {
                cells[*r][*c] = Cell::Masked;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let total = cells[rows][columns];
    let column_totals = cells[rows][..columns].to_vec();
    let row_totals = cells[..rows].iter().map(|row| row[columns]).collect();
    let cells = cells[..rows]
        .iter()
        .map(|row| row[..columns].to_vec())
        .collect();
    Suppressed {
        cells,
        row_totals,
        column_totals,
        total,
    }
}

/// A list of counts that add up to a published total (one row).
pub fn suppress_list(counts: &[i64]) -> (Vec<Cell>, Cell) {
    let table = suppress_table(&[counts.to_vec()]);
    let cells = table.cells.into_iter().next().unwrap_or_default();
    (cells, table.total)
}

/// A count published alone, with no total that relates it to others (a theme among several
/// per record): the small-cell rule only.
pub fn suppress_alone(count: i64) -> Cell {
    primary(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an attacker learns from a suppressed table: repeatedly solve any line with one
    /// unknown by subtraction. Returns the grid positions it recovered.
    fn recover(table: &Suppressed) -> Vec<((usize, usize), i64)> {
        let rows = table.cells.len();
        let columns = table.column_totals.len();
        let mut known: Vec<Vec<Option<i64>>> = (0..=rows)
            .map(|r| {
                (0..=columns)
                    .map(|c| {
                        let cell = match (r == rows, c == columns) {
                            (false, false) => table.cells[r][c],
                            (false, true) => table.row_totals[r],
                            (true, false) => table.column_totals[c],
                            (true, true) => table.total,
                        };
                        match cell {
                            Cell::Shown(v) => Some(v),
                            _ => None,
                        }
                    })
                    .collect()
            })
            .collect();
        let hidden_at_start: Vec<(usize, usize)> = (0..=rows)
            .flat_map(|r| (0..=columns).map(move |c| (r, c)))
            .filter(|(r, c)| known[*r][*c].is_none())
            .collect();
        loop {
            let mut progress = false;
            let mut lines: Vec<Vec<(usize, usize)>> = Vec::new();
            for r in 0..=rows {
                lines.push((0..=columns).map(|c| (r, c)).collect());
            }
            for c in 0..=columns {
                lines.push((0..=rows).map(|r| (r, c)).collect());
            }
            for line in lines {
                let unknown: Vec<&(usize, usize)> = line
                    .iter()
                    .filter(|(r, c)| known[*r][*c].is_none())
                    .collect();
                if unknown.len() != 1 {
                    continue;
                }
                let &(ur, uc) = unknown[0];
                let (parts, total) = line.split_at(line.len() - 1);
                let (tr, tc) = total[0];
                let sum: i64 = parts.iter().filter_map(|(r, c)| known[*r][*c]).sum();
                let value = if (ur, uc) == (tr, tc) {
                    sum
                } else {
                    known[tr][tc].unwrap_or_default() - sum
                };
                known[ur][uc] = Some(value);
                progress = true;
            }
            if !progress {
                break;
            }
        }
        hidden_at_start
            .into_iter()
            .filter_map(|(r, c)| known[r][c].map(|v| ((r, c), v)))
            .collect()
    }

    #[test]
    fn counts_from_one_to_four_are_shown_as_less_than_five() {
        assert_eq!(Cell::Small.text("s"), "< 5");
        assert_eq!(suppress_alone(0), Cell::Shown(0));
        assert_eq!(suppress_alone(4), Cell::Small);
        assert_eq!(suppress_alone(5), Cell::Shown(5));
    }

    #[test]
    fn a_lone_small_cell_gets_a_complementary_one_in_its_row_and_column() {
        let table = suppress_table(&[vec![3, 20, 30], vec![12, 25, 40]]);
        assert_eq!(table.cells[0][0], Cell::Small);
        let hidden_in_row = table.cells[0].iter().filter(|c| c.is_hidden()).count();
        let hidden_in_column = table.cells.iter().filter(|r| r[0].is_hidden()).count();
        assert!(hidden_in_row >= 2 && hidden_in_column >= 2, "{table:?}");
        assert_eq!(table.total, Cell::Shown(130));
    }

    #[test]
    fn hidden_cells_cannot_be_recovered_by_subtraction() {
        let tables = [
            vec![vec![3, 20, 30], vec![12, 25, 40]],
            vec![vec![1, 0, 0], vec![0, 9, 8], vec![6, 7, 2]],
            vec![vec![4, 4], vec![4, 4]],
            vec![vec![0, 2, 50]],
            vec![vec![7], vec![3], vec![11]],
            vec![vec![2, 5, 9, 1], vec![30, 0, 3, 12], vec![8, 8, 8, 8]],
        ];
        for counts in tables {
            let table = suppress_table(&counts);
            assert_eq!(
                recover(&table),
                vec![],
                "recovered from {counts:?}: {table:?}"
            );
        }
    }

    #[test]
    fn random_tables_never_give_a_hidden_cell_away() {
        let mut seed: u64 = 42;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as i64
        };
        for _ in 0..500 {
            let rows = 1 + (next() % 4) as usize;
            let columns = 1 + (next() % 5) as usize;
            let counts: Vec<Vec<i64>> = (0..rows)
                .map(|_| (0..columns).map(|_| next() % 12).collect())
                .collect();
            let table = suppress_table(&counts);
            assert_eq!(recover(&table), vec![], "recovered from {counts:?}");
            for (r, row) in counts.iter().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    if (1..SMALL).contains(value) {
                        assert_eq!(table.cells[r][c], Cell::Small);
                    }
                }
            }
        }
    }

    #[test]
    fn a_list_with_one_small_value_masks_another() {
        let (cells, total) = suppress_list(&[40, 2, 17]);
        assert_eq!(total, Cell::Shown(59));
        assert_eq!(cells, vec![Cell::Shown(40), Cell::Small, Cell::Masked]);
    }
}
