// Package reports builds Academy's PDF reports and CSV exports: the learner development
// report, the module certificate, the cohort report for coaches and the organisation
// competency report for its administrators, all on the same pieces (package pdf for
// drawing, the message tables, the formatting and the theme here); and the CSV exports of
// scores, progress and action-log counts (ScoresCSV, ProgressCSV, ActionsCSV).
//
// Two steps, kept apart so that each is simple to test:
//
//   - Data. [Sources.LearnerReportData] reads everything a learner report shows from the
//     stores (identity, assessment, courses, development) in a fixed number of queries,
//     whatever the number of dimensions, attempts or modules, into a [LearnerReportData]:
//     plain values, texts in every language the content has. [Sources.CohortReportData]
//     and [Sources.OrganisationReportData] do the same for groups, and the CSV exports
//     write straight to an io.Writer, in a fixed number of queries whatever the number of
//     learners (the stores' batch queries: assessment.Store.ScoreHistories,
//     courses.Store.LearnerReport, development.Store.ActivityCounts and NeedsAttention).
//     Authorisation is the caller's: check the reader's rights on the learner, cohort or
//     organisation first (identity policy), as for the web pages.
//   - Drawing. A [Renderer] turns such data into PDF bytes in Spanish or English
//     ([Renderer.LearnerReport], [Renderer.Certificate], [Renderer.CohortReport],
//     [Renderer.OrganisationReport]). It reads no database and has no globals; one
//     Renderer serves any number of goroutines.
//
// What it promises:
//
//   - Deterministic: the same data and the same clock ([Options.Now]) give the same bytes.
//   - Valid PDF (qpdf --check) whose text extracts intact (pdftotext), accents and all, in
//     any script: see package pdf for how the fonts are embedded.
//   - Layout: a table row, a chart or a card is never split across pages (it is measured
//     first and the page breaks before it); table headers repeat; long names wrap.
//   - Every text the reports print comes from the report's message table (messages/*.yaml,
//     one file per language, the same keys in each) or from the data; numbers and dates
//     follow the language (Spanish: "5 de marzo de 2026", decimal comma).
//   - Optional sections (360 feedback, development goals, the action log) appear only when
//     their data is present; 360 feedback only as the development store gives it:
//     aggregates, and no observer results below its minimum of observers.
//   - Anonymity of the organisation report: it names nobody and shows no result over
//     fewer than MinGroupSize people; cohorts that small are not broken out, and a
//     cohort's result is also held back when the rest of the organisation is that small,
//     so that nobody's result follows from a subtraction.
//   - CSV exports: RFC 4180 (comma, CRLF, quotes where needed), UTF-8, a header in the
//     reader's language, and every text people typed neutralised against formula
//     injection (package csvsafe).
//   - Branding: Academy's name and colour by default; an organisation's name, accent colour
//     (used only if it has AA contrast on white) and logo when its data carries them.
package reports
