// Package reports builds Academy's PDF reports: the learner development report and the
// module certificate for now; the cohort and organisation reports, CSV exports and bulk
// jobs are to build on the same pieces (package pdf for drawing, the message tables, the
// formatting and the theme here).
//
// Two steps, kept apart so that each is simple to test:
//
//   - Data. [Sources.LearnerReportData] reads everything a learner report shows from the
//     stores (identity, assessment, courses) in a fixed number of queries, whatever the
//     number of dimensions, attempts or modules, into a [LearnerReportData]: plain values,
//     texts in every language the content has. Authorisation is the caller's: check the
//     reader's rights on the learner first (identity policy), as for the web pages.
//   - Drawing. A [Renderer] turns such data into PDF bytes in Spanish or English
//     ([Renderer.LearnerReport], [Renderer.Certificate]). It reads no database and has no
//     globals; one Renderer serves any number of goroutines.
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
//     their data is present, so the report grows with the development features.
//   - Branding: Academy's name and colour by default; an organisation's name, accent colour
//     (used only if it has AA contrast on white) and logo when its data carries them.
package reports
