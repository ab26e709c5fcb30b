// Package seed embeds Academy's built-in content so that the binary carries it.
package seed

import "embed"

// Files holds the built-in content: courses/ (one folder per course module, in the format
// that internal/courses loads) and instruments/ (the assessment instruments that
// internal/assessment/instrument parses). Use fs.Sub(Files, "courses") to hand the module
// folders to courses.Load or Store.Seed.
//
//go:embed courses instruments
var Files embed.FS
