// Package psychometrics computes the classical-test-theory statistics that Academy reports
// for questionnaires and tests: Cronbach's alpha with item analysis, means and standard
// deviations, percentile ranks in a reference group, and the Jacobson–Truax reliable change
// index.
//
// What it promises:
//
//   - Pure computation: no database, no HTTP, no package state; every function is safe to call
//     concurrently and never modifies its arguments.
//   - Agreement with the reference implementation, R's psych::alpha (psych 2.2.9), on complete
//     data: raw and standardised alpha, the mean and SD of the scale score, the corrected
//     item–total correlation (r.drop), alpha if item deleted and the item means and SDs agree
//     with it to rounding error (about 1e-14) on the five scales of the public bfi data set;
//     the stored reference (testdata/bfi_reference.R) has 6 decimals and the test asserts 1e-6.
//     One deliberate difference: for a two-item scale psych reports cov(i,j)/var(j) as
//     "alpha if item deleted", which is not an alpha; this package flags it as undefined.
//   - No silent NaN from [Alpha]: inputs it cannot analyse give a sentinel error
//     ([ErrTooFewItems], [ErrTooFewRespondents], [ErrNoVariance], [ErrRaggedMatrix],
//     [ErrNonFinite]); statistics that are undefined for otherwise valid input are flagged in
//     the result (see [ItemStat]) rather than returned as NaN, so results are safe to encode as
//     JSON.
//
// Conventions: standard deviations and variances use the n−1 denominator; the scale score is
// the mean of the items (as psych reports it with cumulative=FALSE), so Mean, SD and SEM in
// [AlphaResult] are on the item scale. Callers recode reverse-keyed items (for example 7−x on
// a 1–6 scale) and drop incomplete responses ([CompleteCases]) before calling [Alpha].
package psychometrics
