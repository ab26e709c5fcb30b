// Package footprint is the digital-footprint self-check: a short checklist a learner fills
// in about their professional profile and activity (no site is ever read or scraped), and
// its score. It is pure: the questions are code, the score a function of the answers.
//
// Scoring (checklist [Version] 1), 0–100:
//
//   - Every question has a weight; the weights add up to 100.
//   - A yes/no question scores its full weight for yes (1) and nothing for no (0).
//   - A count question scores weight × min(count, target) / target: the target is what a
//     deliberate, sustainable month looks like (e.g. 8 useful interactions with others'
//     posts), and doing more than the target earns no more, so the score rewards a steady
//     habit rather than volume.
//   - The total is rounded to one decimal.
//
// A changed checklist gets a new Version; stored checks keep the version they were taken
// on.
package footprint
