// Package scoring turns answers to an instrument into item and dimension scores. It is pure
// (no database, no HTTP, no state), so online attempts, imported responses and tests all
// score through the same code.
//
// The rules, for an instrument whose Likert scale runs from min to max:
//
//   - Likert item score: the answer; reverse-keyed items score min + max − answer.
//   - SJT item score: the chosen option's weight w (0–3, the expert key) rescaled linearly
//     onto the Likert scale, min + w/3 · (max − min); on the usual 1–5 scale the weights
//     0, 1, 2, 3 score 1, 2.33, 3.67, 5. SJT items thus weigh in the dimension mean like
//     one Likert item each.
//   - Dimension mean: the mean score of the dimension's answered items (Likert and SJT).
//   - Dimension score: (mean − min) / (max − min) × 100, from 0 to 100.
//   - Missing data: a dimension is scored only when at least two thirds of its items,
//     rounded up, are answered ([Required]: 1 of 1, 2 of 2 or 3, 3 of 4, 4 of 5 or 6, 6 of
//     9). Otherwise it has no mean, no score and no band — never a silent zero.
//   - Band: the last band whose lower bound is ≤ the score (bands ascend from 0).
//
// Scores are computed in exact integer arithmetic (item scores in thirds of a scale
// point) up to one final division, so a score that is exactly on a band boundary always
// falls into the upper band.
package scoring
